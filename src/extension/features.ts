// What the editor's commands load on first use, bundled apart as dist/features.js (see
// esbuild.mjs), so activation pays only for registering them: plan/apply, verify, the player.
export { applyCommand, planCommand } from './deploy/deployRun';
export { openPlayer, restorePlayer } from './player/playerPanel';
export { channelStream, distributionStream, namespaceStream, workspaceStream } from './player/streams';
export { runVerifyCommand } from './verify/runVerify';
