// The sandbox edge fronts loopback origins only (127.0.0.0/8, ::1, localhost, *.localhost), else a
// distribution would make it fetch from any host the machine can reach, cloud metadata included.
// Names are judged as written, never resolved: `2130706433`, `0177.0.0.1` or a public name that
// resolves to 127.0.0.1 are refused.
import net from 'node:net';

const LOCALHOST_NAME = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.)*localhost$/;

/** The address to connect to for an origin domain name, or undefined when the name is not literally loopback. */
export function loopbackAddressOf(domainName: string): string | undefined {
  const name = domainName.toLowerCase();
  if (net.isIPv4(name)) return name.startsWith('127.') ? name : undefined;
  const unbracketed = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  // The URL parser writes an IPv6 address in its one canonical form.
  if (net.isIPv6(unbracketed)) return new URL(`http://[${unbracketed}]/`).hostname === '[::1]' ? '::1' : undefined;
  // RFC 6761: localhost names are loopback without asking DNS, which the edge never does.
  return name.length <= 253 && LOCALHOST_NAME.test(name) ? '127.0.0.1' : undefined;
}

export function notLoopbackMessage(domainName: string): string {
  return `The origin domain name "${domainName}" is not a loopback address: the CloudFront sandbox only fronts loopback origins (127.0.0.0/8, ::1, localhost, *.localhost).`;
}
