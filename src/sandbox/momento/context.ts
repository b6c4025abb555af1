// What the gRPC and HTTP fronts share.

import { FaultEngine } from './faults';
import { KeyAuthority } from './keys';
import { MomentoStore } from './store';

export interface MomentoContext {
  store: MomentoStore;
  keys: KeyAuthority;
  faults: FaultEngine;
  /** "127.0.0.1:PORT" of the gRPC front; returned as `endpoint` when keys are generated. */
  grpcEndpoint: string;
}
