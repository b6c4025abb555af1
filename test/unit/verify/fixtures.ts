// A live stream as verify reads it, answered by fake origins: the origin (with the key) and the
// edge (without), each serving a master, two variants that advance per reload, and TS segments.
import { FakeClock, FakeOrigin, transportStream, type Answer } from '../live/fakes';
import type { CdnFinding } from '../../../src/verify/causes';
import type { StepResult, VerifyReport } from '../../../src/verify/report';
import { verify, type CdnTarget, type VerifyOptions } from '../../../src/verify/verify';

export const ORIGIN = 'https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin';
export const EDGE = 'https://d111111abcdef8.cloudfront.net';
export const ENCODER_KEY = 'ENCODER-KEY-abcdefghijklmnop';
export const REPLACE_KEY = 'Set the player key again.';
export const RENDITIONS = ['_720p30', '_480p30'];

export function master(query = ''): string {
  return ['#EXTM3U', '#EXT-X-VERSION:3',
    '#EXT-X-STREAM-INF:BANDWIDTH=4391200,RESOLUTION=960x720', `playlist_720p30.m3u8${query}`,
    '#EXT-X-STREAM-INF:BANDWIDTH=2648800,RESOLUTION=640x480', `playlist_480p30.m3u8${query}`, ''].join('\n');
}

/** A live window of three 2 s segments ending at `last`. */
export function variant(modifier: string, last: number, end = false): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', `#EXT-X-MEDIA-SEQUENCE:${last - 2}`];
  for (let sequence = last - 2; sequence <= last; sequence++) lines.push('#EXTINF:2.00000,', `playlist${modifier}_${String(sequence).padStart(5, '0')}.ts`);
  if (end) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** Serves a healthy stream under `base`: each variant's live point moves on by one per reload. */
export function healthy(origin: FakeOrigin, base: string): FakeOrigin {
  origin.serve(`${base}/playlist.m3u8`, master());
  for (const modifier of RENDITIONS) {
    origin.serve(`${base}/playlist${modifier}.m3u8`, (request) => variant(modifier, 940 + request));
    for (let sequence = 938; sequence < 960; sequence++) {
      origin.serve(`${base}/playlist${modifier}_${String(sequence).padStart(5, '0')}.ts`, { body: transportStream(188 * 100) });
    }
  }
  return origin;
}

export interface Run {
  report: VerifyReport;
  origin: FakeOrigin;
  edge: FakeOrigin;
  waits: number[];
}

export interface Setup {
  origin?: (origin: FakeOrigin) => void;
  edge?: (edge: FakeOrigin) => void;
  cdn?: CdnTarget;
  findings?: CdnFinding[];
  options?: Partial<VerifyOptions>;
}

export async function run(setup: Setup = {}): Promise<Run> {
  const clock = new FakeClock();
  const origin = healthy(new FakeOrigin(clock), ORIGIN);
  const edge = healthy(new FakeOrigin(clock), EDGE);
  setup.origin?.(origin);
  setup.edge?.(edge);
  const waits: number[] = [];
  const report = await verify({
    namespace: 'live-origin',
    restEndpoint: 'api.cache.cell-4-us-west-2-1.prod.a.momentohq.com',
    manifestName: 'playlist',
    originMasterUrl: `${ORIGIN}/playlist.m3u8`,
    cdn: setup.cdn ?? { masterUrl: `${EDGE}/playlist.m3u8`, findings: setup.findings ?? [] },
  }, {
    originFetch: origin.fetch,
    cdnFetch: edge.fetch,
    replacePlayerKey: REPLACE_KEY,
    clock,
    wait: async (ms) => { waits.push(ms); },
    ...setup.options,
  });
  return { report, origin, edge, waits };
}

export function statuses(report: VerifyReport): string {
  return report.steps.map((step) => step.status).join(' ');
}

export function step(report: VerifyReport, id: StepResult['id']): StepResult {
  const found = report.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

export const answer = (status: number, body = ''): Answer => ({ status, body });
