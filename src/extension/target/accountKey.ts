// The secret-storage name of the Momento account key (listing and creating namespaces) per target:
// the sandbox's admin key changes with every run and must not replace the real account key.
import type { TargetKind } from '../../cloud/target';

export function accountKeyName(kind: TargetKind): string {
  return kind === 'sandbox' ? 'momentoLive.sandbox.accountKey' : 'momentoLive.accountKey';
}
