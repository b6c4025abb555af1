// DNS-rebinding defence: a web page whose name resolves to 127.0.0.1 still sends its own name as
// Host, so a sandbox server answers only requests addressed to a loopback name and its own port.
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/**
 * `allowPortless` admits a bare `127.0.0.1` or `localhost`: CloudFront sends the origin's name without
 * its port, and a browser leaves the port out only for port 80, where no sandbox server listens.
 */
export function isOwnLoopbackHost(host: string | undefined, port: number | undefined, allowPortless = false): boolean {
  if (host === undefined || port === undefined) return false;
  const name = host.toLowerCase();
  return LOOPBACK_NAMES.some((loopback) => name === `${loopback}:${port}` || (allowPortless && name === loopback));
}
