// What the `sandbox` command loads on demand: bundled apart so `live-origin check` stays small.
export { startSandbox } from './sandbox';
export { startDemoStream } from './demoStream';
