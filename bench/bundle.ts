// Size of the bundle VS Code loads at activation, and proof that no cloud SDK is inside it.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SDK_MARKERS = ['@aws-sdk', '@gomomento', '@grpc/grpc-js', 'hls.js'];

export function benchBundle(root: string): { bytes: number; sdksInside: string[] } {
  const file = join(root, 'dist', 'extension.js');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  const sdksInside = SDK_MARKERS.filter((marker) => map.sources.some((source) => source.includes(`node_modules/${marker}`)));
  return { bytes: statSync(file).size, sdksInside };
}
