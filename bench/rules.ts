// Rule-engine latency on the scaffolded file and on a 50-rendition stress file.
import { analyzeConfig } from '../src/config/analyzeConfig';
import { renderConfig, scaffoldConfig } from '../src/config/scaffold';
import { time, type Timing } from './stats';

export function scaffoldedText(): string {
  return renderConfig(scaffoldConfig({
    namespace: 'live-origin', momentoRegion: 'us-west-2', awsRegion: 'us-west-2', ladderPreset: 'guide',
    segmentLengthSeconds: 2, ttlSeconds: 3600, publishMode: 'credentials',
  }));
}

export function stressText(renditions = 50): string {
  const config = JSON.parse(scaffoldedText());
  config.stream.ladder = Array.from({ length: renditions }, (_, i) => ({
    nameModifier: `_r${i}`, width: 1920, height: 1080, frameRate: 30, bitrateKbps: 500 + i * 700,
  }));
  config.cloudfront.behaviors = Array.from({ length: 20 }, (_, i) => ({ pathPattern: `archive/${i}/*.ts`, cachePolicy: 'CachingOptimized' }))
    .concat(config.cloudfront.behaviors);
  return JSON.stringify(config, null, 2);
}

export function benchRules(): { scaffolded: Timing; stress: Timing } {
  const scaffolded = scaffoldedText();
  const stress = stressText();
  return { scaffolded: time(2000, () => analyzeConfig(scaffolded)), stress: time(500, () => analyzeConfig(stress)) };
}
