// The origin of a CloudFront distribution that fronts a Momento namespace, and its host.
import { isLoopbackHost } from '../config/regions';
import type { DistributionConfigShape, OriginShape } from './distributionShape';
import { addressesMomento } from './momentoAddress';

export interface MomentoOrigin {
  origin: OriginShape;
  /** `DomainName`, with the HTTP port for a loopback origin (the sandbox's `127.0.0.1:PORT`). */
  host: string;
  field: string;
}

function hostOf(origin: OriginShape): string {
  const domain = origin.DomainName ?? '';
  const port = origin.CustomOriginConfig?.HTTPPort;
  return isLoopbackHost(domain) && port !== undefined && port !== 80 ? `${domain}:${port}` : domain;
}

/** The Momento origin the default behavior targets, else the first Momento origin. */
export function momentoOrigin(config: DistributionConfigShape, expectedHost?: string): MomentoOrigin | undefined {
  const candidates = (config.Origins?.Items ?? []).flatMap((origin, index) => {
    const host = hostOf(origin);
    return addressesMomento(host, origin.OriginPath ?? '', expectedHost) ? [{ origin, host, field: `Origins.Items[${index}]` }] : [];
  });
  const target = config.DefaultCacheBehavior?.TargetOriginId;
  return candidates.find((candidate) => target !== undefined && candidate.origin.Id === target) ?? candidates[0];
}
