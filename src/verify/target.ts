// What verify tests, read from live-origin.json: the namespace, its REST endpoint and the manifest
// name give the origin's master URL; a distribution's domain (or the sandbox edge) gives CloudFront's.
import * as l10n from '@vscode/l10n';
import { ConfigDocument } from '../config/configDocument';
import { safeEncode } from '../config/destinationUrl';
import { isLoopbackHost } from '../config/regions';

export interface VerifyConfig {
  namespace: string;
  restEndpoint: string;
  manifestName: string;
  segmentLengthSeconds?: number;
}

const REQUIRED = [['momento', 'namespace'], ['momento', 'restEndpoint'], ['medialive', 'manifestName']] as const;

/** The settings verify needs, or the problem naming the first one missing. */
export function readVerifyConfig(text: string): { ok: true; config: VerifyConfig } | { ok: false; problem: string } {
  const document = new ConfigDocument(text);
  if (!document.root || document.root.type !== 'object') return { ok: false, problem: l10n.t('live-origin.json is not a JSON object.') };
  const [namespace, restEndpoint, manifestName] = REQUIRED.map((path) => document.string([...path])?.value.trim());
  const missing = REQUIRED.find((_, index) => ![namespace, restEndpoint, manifestName][index]);
  if (missing) return { ok: false, problem: l10n.t('live-origin.json has no {0}: verify needs it to find the stream.', missing.join('.')) };
  const segmentLengthSeconds = document.positive(['stream', 'segmentLengthSeconds'])?.value;
  return { ok: true, config: { namespace: namespace!, restEndpoint: restEndpoint!.replace(/^https?:\/\//i, '').replace(/\/+$/, ''), manifestName: manifestName!, segmentLengthSeconds } };
}

/** `GET {restEndpoint}/cache/{namespace}/{manifest}.m3u8`: HTTPS, or plain HTTP on the sandbox's loopback. */
export function originMasterUrl({ restEndpoint, namespace, manifestName }: VerifyConfig): string {
  const scheme = isLoopbackHost(restEndpoint) ? 'http' : 'https';
  return `${scheme}://${restEndpoint}/cache/${safeEncode(namespace)}/${safeEncode(manifestName)}.m3u8`;
}

/**
 * The master through a distribution: `https://{domain}/{manifest}.m3u8`, or on the sandbox the
 * edge that serves every distribution by host, `http://{label}.localhost:{edge port}`.
 */
export function playbackMasterUrl(domainName: string, manifestName: string, sandboxEdge?: string): string {
  const path = `/${safeEncode(manifestName)}.m3u8`;
  if (!sandboxEdge) return `https://${domainName}${path}`;
  const label = domainName.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').split(/[./:]/)[0];
  return `http://${label}.localhost:${new URL(sandboxEdge).port}${path}`;
}

/** `--playback-url`: the master's URL through CloudFront, or its base (the manifest name is added). */
export function playbackUrlFromOption(value: string, manifestName: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!/\.m3u8$/i.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/${safeEncode(manifestName)}.m3u8`;
  return url.href;
}
