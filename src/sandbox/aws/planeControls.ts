// What every AWS plane does between authentication and the operation: count the request, then
// apply the faults that match it. Faults come before any state is touched, so an injected error
// never follows a write; a delayed request is served after its delay, as a slow AWS still applies
// a request its client gave up on.
import { AwsFaultEngine, type AwsFaultInjector, type InjectedError } from './faults';
import { type OperationCatalog, type RequestCounts, RequestCounter } from './requestCounts';

/** Fault injection and request accounting of one plane, in process. */
export interface AwsPlaneControls {
  faults: AwsFaultInjector;
  /** API requests since the plane started or the last reset (admin requests are not counted). */
  requests(): RequestCounts;
  resetRequests(): void;
}

export class PlaneControls implements AwsPlaneControls {
  readonly faults: AwsFaultEngine;
  private readonly counter: RequestCounter;

  constructor(service: string, catalog: OperationCatalog, etagOperations?: readonly string[]) {
    this.faults = new AwsFaultEngine({ service, operations: Object.keys(catalog), etagOperations });
    this.counter = new RequestCounter(catalog);
  }

  requests(): RequestCounts {
    return this.counter.snapshot();
  }

  resetRequests(): void {
    this.counter.reset();
  }

  /** Counts one request; the error to answer instead of serving it, if a fault says so. */
  async gate(operation: string): Promise<InjectedError | undefined> {
    this.counter.record(operation);
    const decision = this.faults.decide(operation);
    const slept = await this.faults.sleep(decision.delayMs);
    // Released by close(): the plane is going away, so the request is not served.
    return slept ? decision.error : 'server-error';
  }

  dispose(): void {
    this.faults.dispose();
  }
}
