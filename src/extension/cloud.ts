// The cloud adapters, loaded the first time a view or command needs them (see src/cloud/runtime.ts).
export type CloudRuntime = typeof import('../cloud/runtime');

let loading: Promise<CloudRuntime> | undefined;

export function cloud(): Promise<CloudRuntime> {
  // The SDK's notice that its releases after January 2027 need Node 22 says nothing users can act on here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  loading ??= import('../cloud/runtime');
  return loading;
}
