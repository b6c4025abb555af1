// A complete, finding-free live-origin.json from the few answers the "Create" command asks for.
import { buildDestinationUrl, defaultPasswordParam, DEFAULT_USERNAME } from './destinationUrl';
import { bytesToMiB, estimateHotStorageBytes } from './estimates';
import type { LiveOriginConfig, PublishMode, Rendition } from './model';
import { restEndpointForRegion } from './regions';
import { DEFAULT_MANIFEST_NAME, DEFAULT_PLAYLIST_SEGMENTS } from './streamFacts';

export interface LadderPreset {
  id: string;
  ladder: readonly Rendition[];
}

const rung = (height: number, width: number, bitrateKbps: number): Rendition => ({
  nameModifier: `_${height}p30`,
  width,
  height,
  frameRate: 30,
  bitrateKbps,
});

export const LADDER_PRESETS: readonly LadderPreset[] = [
  { id: 'guide', ladder: [rung(720, 1280, 2500), rung(480, 854, 1500), rung(240, 426, 750)] },
  { id: 'full-hd', ladder: [rung(1080, 1920, 5000), rung(720, 1280, 3000), rung(480, 854, 1500), rung(360, 640, 800), rung(240, 426, 400)] },
  { id: 'single', ladder: [rung(720, 1280, 2500)] },
];

export interface ScaffoldAnswers {
  namespace: string;
  momentoRegion: string;
  awsRegion: string;
  ladderPreset: string;
  segmentLengthSeconds: number;
  ttlSeconds: number;
  publishMode: PublishMode;
  /** Only to aim the file at the local sandbox: a loopback `host:port`. */
  restEndpoint?: string;
}

export const HOT_STORAGE_WINDOW_SECONDS = 300;

export function scaffoldConfig(answers: ScaffoldAnswers): LiveOriginConfig {
  const { namespace, segmentLengthSeconds, ttlSeconds, publishMode } = answers;
  const restEndpoint = answers.restEndpoint ?? restEndpointForRegion(answers.momentoRegion);
  if (!restEndpoint) throw new Error(`Momento has no cell in ${answers.momentoRegion}`);
  const preset = LADDER_PRESETS.find((candidate) => candidate.id === answers.ladderPreset) ?? LADDER_PRESETS[0];
  const ladder = preset.ladder.map((rendition) => ({ ...rendition }));
  const hotStorageBytes = estimateHotStorageBytes(ladder.map((r) => r.bitrateKbps), segmentLengthSeconds, HOT_STORAGE_WINDOW_SECONDS);
  const keys = { encoder: `${namespace}/encoder`, player: `${namespace}/player` };
  const url = buildDestinationUrl({ restEndpoint, namespace, manifestName: DEFAULT_MANIFEST_NAME, ttlSeconds });
  const credentials = publishMode === 'credentials';
  return {
    momento: {
      region: answers.momentoRegion,
      restEndpoint,
      namespace,
      ttlSeconds,
      hotStorage: { windowSeconds: HOT_STORAGE_WINDOW_SECONDS, capacityMiB: Math.ceil(bytesToMiB(hotStorageBytes)) },
      keys,
    },
    stream: { segmentLengthSeconds, gopSeconds: segmentLengthSeconds, ladder },
    medialive: {
      region: answers.awsRegion,
      channelName: `${namespace}-channel`,
      input: { type: 'RTMP_PUSH', name: `${namespace}-input` },
      manifestName: DEFAULT_MANIFEST_NAME,
      playlistSegments: DEFAULT_PLAYLIST_SEGMENTS,
      destination: credentials
        ? { url, publishMode, username: DEFAULT_USERNAME, passwordParam: defaultPasswordParam(namespace) }
        : { url, publishMode },
      cdn: { type: credentials ? 'akamai' : 'basic-put', connectionRetryInterval: 1, filecacheDuration: 300, restartDelay: 15 },
    },
    cloudfront: {
      originDomain: restEndpoint,
      originPath: `/cache/${namespace}`,
      authorizationKey: keys.player,
      defaultBehavior: { cachePolicy: 'CachingDisabled' },
      behaviors: [
        { pathPattern: '*.ts', cachePolicy: 'CachingOptimized' },
        { pathPattern: `${DEFAULT_MANIFEST_NAME}_*.m3u8`, cachePolicy: 'CachingDisabled', originRequestPolicy: 'None' },
      ],
    },
  };
}

export function renderConfig(config: LiveOriginConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
