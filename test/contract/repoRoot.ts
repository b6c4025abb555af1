// Where the checkout is, for tests that run the built CLI in dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** tsc copies package.json into out/ when source imports it, so tsconfig.json marks the real root. */
export function repoRoot(from = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(path.join(dir, 'tsconfig.json')) && existsSync(manifest) &&
        JSON.parse(readFileSync(manifest, 'utf8')).name === 'momento-live-origin') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No momento-live-origin checkout above ${from}`);
  }
}
