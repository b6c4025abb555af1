// Runs the inspector against the fake origin and clock.
import { LiveInspector, type InspectorOptions } from '../../../src/live/inspector';
import type { LiveFinding } from '../../../src/live/findingLog';
import { FakeClock, FakeOrigin } from './fakes';

export const BASE = 'https://origin.test/cache/live-origin';
export const MASTER = `${BASE}/playlist.m3u8`;
export const V720 = `${BASE}/playlist_720p30.m3u8`;
export const V240 = `${BASE}/playlist_240p30.m3u8`;

export interface Rig {
  clock: FakeClock;
  origin: FakeOrigin;
  inspector: LiveInspector;
}

export function rig(url: string, options: Partial<InspectorOptions> = {}, setup?: (origin: FakeOrigin) => void): Rig {
  const clock = new FakeClock();
  const origin = new FakeOrigin(clock);
  setup?.(origin);
  const inspector = new LiveInspector({ url, fetch: origin.fetch, clock, probeSegments: false, ...options });
  return { clock, origin, inspector };
}

/** Watches for `ms` of fake time, then stops and waits for the inspector to settle. */
export async function watch({ clock, inspector }: Rig, ms: number): Promise<void> {
  const controller = new AbortController();
  const done = inspector.watch(controller.signal);
  await clock.advance(ms);
  controller.abort();
  await done;
}

export function findings(inspector: LiveInspector, code?: string): LiveFinding[] {
  return inspector.view().history.filter((finding) => code === undefined || finding.code === code);
}

export function codes(inspector: LiveInspector): string[] {
  return [...new Set(findings(inspector).map((finding) => finding.code))].sort();
}
