// Bundles the extension host code and the command line, each into one file under dist/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const production = process.env.NODE_ENV !== 'development';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? 'linked' : 'inline',
  logLevel: 'warning',
  metafile: true,
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
  // Bundles loaded apart run as scripts (src/bundles/loadApart.ts), where import() has no loader:
  // the SDKs' import('node:http') and the like become require().
  supported: { 'dynamic-import': false },
};

const loadApartModule = fileURLToPath(new URL('src/bundles/loadApart.ts', import.meta.url));

/**
 * Imports matching `filter` load, at run time, the bundle `file` beside the importing one, through
 * src/bundles/loadApart.ts (Node's module cache plus a V8 code cache kept per user).
 */
const apart = (file, filter) => ({
  name: `apart-${file}`,
  setup(build) {
    build.onResolve({ filter }, () => ({ path: file, namespace: `apart-${file}` }));
    build.onLoad({ filter: /.*/, namespace: `apart-${file}` }, () => ({
      contents: `const { loadApart } = require(${JSON.stringify(loadApartModule)});\nmodule.exports = loadApart(require('node:path').join(__dirname, ${JSON.stringify(file)}));`,
      resolveDir: dirname(loadApartModule),
      loader: 'js',
    }));
  },
});

/** The CLI reaches the sandbox (and its SDKs) through dist/sandbox.js, loaded only by `sandbox`. */
const sandboxApart = apart('sandbox.js', /\/sandbox\/runtime$/);

/**
 * Every `import * as vscode` would otherwise copy the whole API object into a namespace of its own
 * (esbuild's CommonJS interop), once per importing module, at load: 24 copies of a few hundred
 * properties on the activation path. One re-exporting module makes that one copy.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/** The extension reaches the SDKs through dist/cloud.js, loaded the first time a view needs one. */
const cloudApart = apart('cloud.js', /\/cloud\/runtime$/);

/** Only plan/apply write the encoder key to SSM: its client stays out of what the explorer loads. */
const ssmApart = apart('ssm.js', /^@aws-sdk\/client-ssm$/);

/** Commands run their work from dist/features.js, loaded the first time one of them runs. */
const featuresApart = apart('features.js', /\/extension\/features$|^\.\.\/features$/);

const results = await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', plugins: [vscodeOnce, cloudApart, featuresApart] }),
  esbuild.build({ ...common, entryPoints: ['src/extension/features.ts'], outfile: 'dist/features.js', plugins: [vscodeOnce, cloudApart] }),
  esbuild.build({ ...common, entryPoints: ['src/cloud/runtime.ts'], outfile: 'dist/cloud.js', plugins: [ssmApart] }),
  esbuild.build({ ...common, stdin: { contents: "export * from '@aws-sdk/client-ssm';", resolveDir: '.', sourcefile: 'ssm.ts' }, outfile: 'dist/ssm.js' }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [sandboxApart, cloudApart] }),
  esbuild.build({ ...common, entryPoints: ['src/sandbox/runtime.ts'], outfile: 'dist/sandbox.js' }),
  // The player page (webview and its system-browser twin): for the browser, hls.js beside it as dist/hls.min.js.
  esbuild.build({ ...common, platform: 'browser', target: 'chrome108', format: 'iife', mainFields: ['browser', 'module', 'main'], entryPoints: ['webview/player/main.ts'], outfile: 'dist/player.js' }),
  esbuild.build({ ...common, platform: 'browser', entryPoints: ['webview/player/player.css'], outfile: 'dist/player.css' }),
]);

// The sandbox publishes an hls.js player page; a packaged extension has no node_modules to read it from.
mkdirSync('dist', { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'), 'dist/hls.min.js');

for (const result of results) {
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file} ${(bytes / 1024).toFixed(1)} kB`);
  }
}
