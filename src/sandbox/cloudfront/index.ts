// A local CloudFront: the control plane (REST-XML 2020-05-31) and one edge for every distribution.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type AwsCredentials, generateAwsCredentials } from '../aws/credentials';
import { type AwsPlaneControls, PlaneControls } from '../aws/planeControls';
import { ControlPlane } from './controlPlane';
import { Edge } from './edge';
import { EdgeCache } from './edgeCache';
import { CLOUDFRONT_OPERATIONS, ETAG_OPERATIONS } from './operations';
import { DistributionStore } from './store';

/** `faults` and `requests()` cover the control plane; the edge's viewer requests are not API calls. */
export interface CloudFrontSandbox extends AwsPlaneControls {
  /** Control plane, for `new CloudFrontClient({ endpoint })`: "http://127.0.0.1:PORT". */
  endpoint: string;
  /** The only credentials whose SigV4 signatures the control plane accepts. */
  credentials: AwsCredentials;
  /** The edge: "http://127.0.0.1:PORT"; send `Host: <label>.cloudfront.net` or use edgeUrlFor. */
  edge: string;
  /** "d123....cloudfront.net" (or its label) -> "http://d123....localhost:PORT". */
  edgeUrlFor(domainName: string): string;
  close(): Promise<void>;
}

export interface CloudFrontSandboxOptions {
  port?: number;
  edgePort?: number;
  /** How long a create or update stays InProgress before the edge serves it (default 1500 ms). */
  deployDelayMs?: number;
  /** Edge cache budget in bytes (default 256 MiB). */
  cacheMaxBytes?: number;
  /** Largest origin response the edge accepts (default 50 MiB). */
  maxObjectBytes?: number;
  /** How long origin errors stay cached when the distribution does not say (CloudFront's default: 10 s). */
  errorCachingTtlSeconds?: number;
  /** Control-plane credentials; default: a pair generated for this sandbox. */
  awsCredentials?: AwsCredentials;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startCloudFrontSandbox(opts: CloudFrontSandboxOptions = {}): Promise<CloudFrontSandbox> {
  const cache = new EdgeCache(opts.cacheMaxBytes ?? 256 * 1024 * 1024);
  const store = new DistributionStore({
    deployDelayMs: opts.deployDelayMs ?? 1500,
    onDelete: (id) => cache.purgeDistribution(id),
  });
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  let endpoint = '';
  const credentials = opts.awsCredentials ?? generateAwsCredentials();
  const controls = new PlaneControls('CloudFront', CLOUDFRONT_OPERATIONS, ETAG_OPERATIONS);
  const control = new ControlPlane(store, () => endpoint, credentials, controls);
  const edge = new Edge({
    store,
    cache,
    agents,
    errorCachingTtlSeconds: opts.errorCachingTtlSeconds ?? 10,
    maxObjectBytes: opts.maxObjectBytes ?? 50 * 1024 * 1024,
    pop: 'LCL50-P1',
  });
  const controlServer = http.createServer(control.handle);
  const edgeServer = http.createServer({ keepAliveTimeout: 60_000 }, edge.handle);
  const servers = [controlServer, edgeServer];
  try {
    const controlPort = await listen(controlServer, opts.port ?? 0);
    endpoint = `http://127.0.0.1:${controlPort}`;
    const edgePort = await listen(edgeServer, opts.edgePort ?? 0);
    let closed: Promise<void> | undefined;
    return {
      endpoint,
      // A copy: the AWS SDK writes `$source` into the credentials object it is given.
      credentials: { ...credentials },
      edge: `http://127.0.0.1:${edgePort}`,
      edgeUrlFor(domainName: string): string {
        const label = domainName.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[./:]/)[0];
        return `http://${label}.localhost:${edgePort}`;
      },
      faults: controls.faults,
      requests: () => controls.requests(),
      resetRequests: () => controls.resetRequests(),
      close(): Promise<void> {
        closed ??= (async () => {
          controls.dispose();
          store.close();
          await Promise.all(servers.map(closeServer));
          agents.http.destroy();
          agents.https.destroy();
        })();
        return closed;
      },
    };
  } catch (error) {
    store.close();
    await Promise.all(servers.map(closeServer));
    agents.http.destroy();
    agents.https.destroy();
    throw error;
  }
}
