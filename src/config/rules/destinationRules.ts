// Every way the MediaLive destination URL into Momento goes wrong, and the publish mode.
import * as l10n from '@vscode/l10n';
import type { Node } from 'jsonc-parser';
import type { ConfigDocument, PathChange } from '../configDocument';
import {
  defaultPasswordParam,
  DEFAULT_USERNAME,
  parseDestinationUrl,
  safeDecode,
  safeEncode,
  withoutParameter,
  withParameter,
  withRenamedParameter,
  type ParsedDestination,
  type QueryParameter,
} from '../destinationUrl';
import { isLoopbackHost, regionOfRestEndpoint } from '../regions';
import { manifestName } from '../streamFacts';
import { spanInString, type Report, type Rule } from './rule';

const DESTINATION = ['medialive', 'destination'];
const URL_PATH = [...DESTINATION, 'url'];

interface UrlCheck {
  doc: ConfigDocument;
  raw: string;
  node: Node;
  parsed: ParsedDestination;
  report(report: Report): void;
}

export const destinationUrlRule: Rule = ({ doc, report }) => {
  const located = doc.string(URL_PATH);
  if (!located) return;
  const raw = located.value;
  const parsed = parseDestinationUrl(raw);
  if (!parsed || !/^https?:$/.test(parsed.url.protocol)) {
    report({
      code: 'destination-url-invalid',
      severity: 'error',
      at: located.node,
      message: l10n.t(
        'The destination URL is not a valid http(s) URL. It should look like https://<momento_rest_endpoint>/cache/<namespace>/{0}.m3u8?ttl_seconds=<ttl>&role=origin.',
        manifestName(doc),
      ),
    });
    return;
  }
  const check: UrlCheck = { doc, raw, node: located.node, parsed, report };
  checkScheme(check);
  checkHost(check);
  checkPath(check);
  checkTtl(check);
  checkRole(check);
};

function replaceUrl(check: UrlCheck, title: string, url: string) {
  return check.doc.fix(title, [{ path: URL_PATH, value: url }]);
}

function param(check: UrlCheck, name: string): QueryParameter | undefined {
  return check.parsed.query.find((parameter) => parameter.name === name);
}

function checkScheme(check: UrlCheck): void {
  const { url } = check.parsed;
  if (url.protocol === 'https:' || isLoopbackHost(url.host)) return;
  check.report({
    code: 'destination-url-not-https',
    severity: 'error',
    at: spanInString(check.doc, check.node, 0, 'http'.length),
    message: l10n.t('The destination URL uses plain http: the encoder key and the stream would cross the internet unencrypted. Use https.'),
    fix: replaceUrl(check, l10n.t('Use https'), check.raw.replace(/^http:/i, 'https:')),
  });
}

function checkHost(check: UrlCheck): void {
  const { doc, parsed, raw } = check;
  const host = parsed.url.host;
  const expected = doc.string(['momento', 'restEndpoint'])?.value;
  const momentoRegion = doc.string(['momento', 'region'])?.value;
  if (expected !== undefined && host === expected.toLowerCase()) return;
  const hostRegion = regionOfRestEndpoint(host);
  if (expected === undefined && (hostRegion !== undefined || isLoopbackHost(host))) return;
  let message: string;
  if (isLoopbackHost(host)) {
    message = l10n.t('The destination host {0} is not the momento.restEndpoint {1}.', host, expected ?? '');
  } else if (hostRegion === undefined) {
    message = l10n.t('The destination host {0} is not a Momento REST endpoint (api.cache.<cell>.prod.a.momentohq.com): MediaLive would PUT the stream somewhere else.', host);
  } else {
    message = l10n.t('The destination host {0} is the Momento endpoint of {1}, but the namespace is in {2}: the PUTs would reach a cell that has no such namespace.', host, hostRegion, momentoRegion ?? expected ?? '');
  }
  const start = raw.toLowerCase().indexOf(host);
  check.report({
    code: 'destination-url-host',
    severity: 'error',
    at: start >= 0 ? spanInString(doc, check.node, start, host.length) : check.node,
    message,
    fix: expected === undefined || start < 0
      ? undefined
      : replaceUrl(check, l10n.t('Use {0}', expected), raw.slice(0, start) + expected + raw.slice(start + host.length)),
  });
}

function checkPath(check: UrlCheck): void {
  const { doc, parsed, raw } = check;
  const namespace = doc.string(['momento', 'namespace'])?.value;
  const manifest = manifestName(doc);
  if (namespace === undefined) return;
  const expected = `/cache/${safeEncode(namespace)}/${safeEncode(manifest)}.m3u8`;
  const actual = parsed.url.pathname;
  if (actual === expected) return;
  const segments = actual.split('/');
  const message = segments[1] === 'cache' && segments[2] !== undefined && segments[2] !== safeEncode(namespace)
    ? l10n.t('The destination path writes into namespace "{0}", but momento.namespace is "{1}". The path must be {2}.', safeDecode(segments[2]), namespace, expected)
    : l10n.t('The destination path {0} is not {1}: Media Storage takes /cache/<namespace>/<manifest>.m3u8, and the master playlist name must match medialive.manifestName.', actual, expected);
  const start = raw.indexOf(actual, raw.indexOf(parsed.url.host) + parsed.url.host.length);
  const fixed = `${parsed.url.protocol}//${parsed.url.host}${expected}${parsed.url.search}${parsed.url.hash}`;
  check.report({
    code: 'destination-url-path',
    severity: 'error',
    at: start >= 0 ? spanInString(doc, check.node, start, actual.length) : check.node,
    message,
    fix: replaceUrl(check, l10n.t('Use the path {0}', expected), fixed),
  });
}

function checkTtl(check: UrlCheck): void {
  const { doc, raw } = check;
  const ttl = doc.number(['momento', 'ttlSeconds'])?.value;
  const ttlValue = ttl === undefined ? '<ttl>' : String(ttl);
  const present = param(check, 'ttl_seconds');
  if (!present) {
    const misspelled = check.parsed.query.find((parameter) => /^tt[ls]_?seconds?$/i.test(parameter.name) || parameter.name === 'ttl');
    check.report({
      code: 'destination-url-ttl-missing',
      severity: 'error',
      at: misspelled ? spanInString(doc, check.node, misspelled.start, misspelled.end - misspelled.start) : check.node,
      message: misspelled
        ? l10n.t('"{0}" is not a parameter Momento knows; it is spelled ttl_seconds. Without it every PUT is refused.', misspelled.name)
        : l10n.t('The destination URL has no ttl_seconds: Momento refuses PUTs without it. Add ttl_seconds={0}.', ttlValue),
      fix: misspelled
        ? replaceUrl(check, l10n.t('Rename to ttl_seconds'), withRenamedParameter(raw, misspelled, 'ttl_seconds'))
        : ttl === undefined ? undefined : replaceUrl(check, l10n.t('Add ttl_seconds={0}', ttlValue), withParameter(raw, 'ttl_seconds', ttlValue)),
    });
    return;
  }
  if (ttl === undefined || present.value === String(ttl)) return;
  check.report({
    code: 'destination-url-ttl-mismatch',
    severity: 'warning',
    at: spanInString(doc, check.node, present.valueStart, present.end - present.valueStart),
    message: l10n.t('ttl_seconds={0} in the URL differs from momento.ttlSeconds ({1}): objects would live for {0} s, not {1} s.', present.value, ttl),
    fix: replaceUrl(check, l10n.t('Use ttl_seconds={0}', ttlValue), withParameter(raw, 'ttl_seconds', ttlValue, present)),
  });
}

function checkRole(check: UrlCheck): void {
  const present = param(check, 'role');
  if (present?.value === 'origin') return;
  check.report({
    code: 'destination-url-role-missing',
    severity: 'error',
    at: present ? spanInString(check.doc, check.node, present.start, present.end - present.start) : check.node,
    message: l10n.t('The destination URL needs role=origin: MediaLive requires it to publish to Momento (Momento itself ignores it).'),
    fix: replaceUrl(check, l10n.t('Add role=origin'), withParameter(check.raw, 'role', 'origin', present)),
  });
}

export const publishModeRule: Rule = ({ doc, report }) => {
  const mode = doc.string([...DESTINATION, 'publishMode']);
  const url = doc.string(URL_PATH);
  const parsed = url && parseDestinationUrl(url.value);
  const token = parsed?.query.find((parameter) => parameter.name === 'token');
  const namespace = doc.string(['momento', 'namespace'])?.value ?? '';

  if (mode?.value === 'token-in-url' || token) {
    const changes: PathChange[] = [{ path: [...DESTINATION, 'publishMode'], value: 'credentials' }];
    if (!doc.has([...DESTINATION, 'username'])) changes.push({ path: [...DESTINATION, 'username'], value: DEFAULT_USERNAME });
    if (!doc.has([...DESTINATION, 'passwordParam'])) changes.push({ path: [...DESTINATION, 'passwordParam'], value: defaultPasswordParam(namespace) });
    if (url && token) changes.push({ path: URL_PATH, value: withoutParameter(url.value, token) });
    report({
      code: 'destination-url-token-exposed',
      severity: 'warning',
      at: token && url ? spanInString(doc, url.node, token.start, token.end - token.start) : (mode ?? url)!.node,
      message: l10n.t('With the token in the destination URL, MediaLive copies it into the master playlist\'s variant URIs: every viewer can read the read-write encoder key. Publish with credentials instead (Username + PasswordParam naming an SSM parameter that holds the key).'),
      fix: doc.fix(l10n.t('Switch to credentials mode'), changes),
    });
    return;
  }
  if (mode?.value !== 'credentials') return;
  const missing = ['username', 'passwordParam'].filter((key) => doc.string([...DESTINATION, key]) === undefined);
  if (missing.length === 0) return;
  report({
    code: 'destination-credentials-missing',
    severity: 'error',
    at: mode.node,
    message: l10n.t('Credentials mode needs {0}: MediaLive signs its PUTs with the username and the key read from the SSM parameter named by passwordParam.', missing.join(', ')),
    fix: doc.fix(l10n.t('Add the missing credentials settings'), missing.map((key) => ({
      path: [...DESTINATION, key],
      value: key === 'username' ? DEFAULT_USERNAME : defaultPasswordParam(namespace),
    }))),
  });
};
