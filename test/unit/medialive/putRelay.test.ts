import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addQueryToPlaylist } from '../../../src/sandbox/medialive/playlistQuery';
import { PutRelay } from '../../../src/sandbox/medialive/putRelay';
import { PutReceiver, startPutReceiver } from '../../contract/medialive/putReceiver';

const QUERY = 'token=tok%2Fen&ttl_seconds=60&role=origin';
const MASTER = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=426x240\nplaylist_240p30.m3u8\n';

/** A chunked request of `chunks`, like ffmpeg's, to the path as written (no `..` resolved); resolves to the status. */
function send(url: string, chunks: string[], method = 'PUT'): Promise<number> {
  const [, host, port, path] = /^http:\/\/([^/:]+):(\d+)(\/.*)$/.exec(url)!;
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, path, method }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

async function answering(status: number, headers: http.OutgoingHttpHeaders = {}): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, headers);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('sandbox MediaLive PUT relay', () => {
  let relay: PutRelay;
  let receiver: PutReceiver;

  before(async () => {
    relay = await PutRelay.start();
    receiver = await startPutReceiver();
  });

  after(async () => {
    await relay.close();
    await receiver.close();
  });

  it('streams a segment to the destination with the key, the query string and the status', async () => {
    const route = relay.open({ directory: `${receiver.origin}/cache/ns/`, query: QUERY, authorization: 'Basic a2V5' });
    try {
      assert.match(route.directory, /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/);
      assert.equal(await send(`${route.directory}playlist_240p30_00001.ts`, ['G'.repeat(1000), 'x'.repeat(500)]), 204);
      const [received] = receiver.requests.filter((request) => request.path === '/cache/ns/playlist_240p30_00001.ts');
      assert.deepEqual(received.query, { token: 'tok/en', ttl_seconds: '60', role: 'origin' });
      assert.equal(received.authorization, 'Basic a2V5');
      assert.equal(received.bytes, 1500);
      assert.equal(received.chunked, true);
    } finally {
      route.close();
    }
  });

  it('writes the query string into the URIs of the playlists it forwards', async () => {
    const route = relay.open({ directory: `${receiver.origin}/cache/pl/`, query: QUERY });
    try {
      assert.equal(await send(`${route.directory}playlist.m3u8`, [MASTER]), 204);
      assert.equal(receiver.playlists.get('/cache/pl/playlist.m3u8'), MASTER.replace('playlist_240p30.m3u8', `playlist_240p30.m3u8?${QUERY}`));
      assert.equal(addQueryToPlaylist('#EXT-X-MAP:URI="init.mp4"\r\nseg.ts?a=1\r\n\r\n', 'b=2'), '#EXT-X-MAP:URI="init.mp4?b=2"\r\nseg.ts?a=1&b=2\r\n\r\n');
      assert.equal(addQueryToPlaylist(MASTER, ''), MASTER);
    } finally {
      route.close();
    }
  });

  it('passes the destination\'s status back, but turns a redirect into 502', async () => {
    const unauthorized = await answering(401);
    const redirecting = await answering(307, { location: 'http://example.com/steal' });
    try {
      const denied = relay.open({ directory: `http://127.0.0.1:${(unauthorized.address() as AddressInfo).port}/x/`, query: '' });
      assert.equal(await send(`${denied.directory}a.ts`, ['x']), 401);
      const moved = relay.open({ directory: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/x/`, query: '' });
      assert.equal(await send(`${moved.directory}a.ts`, ['x']), 502);
      const closedPort = relay.open({ directory: 'http://127.0.0.1:1/x/', query: '' });
      assert.equal(await send(`${closedPort.directory}a.ts`, ['x']), 502);
    } finally {
      unauthorized.close();
      redirecting.close();
    }
  });

  it('forwards nothing for an unknown or closed prefix, another method, or a name that climbs', async () => {
    const route = relay.open({ directory: `${receiver.origin}/cache/closed/`, query: '' });
    const base = route.directory.replace(/[0-9a-f]{32}\/$/, '');
    assert.equal(await send(`${base}${'0'.repeat(32)}/a.ts`, ['x']), 404);
    assert.equal(await send(`${route.directory}a.ts`, [], 'GET'), 405);
    assert.equal(await send(`${route.directory}..`, ['x']), 404);
    assert.equal(await send(`${route.directory}%2e%2e`, ['x']), 404);
    route.close();
    assert.equal(await send(`${route.directory}a.ts`, ['x']), 404);
    assert.equal(receiver.requests.some((request) => request.path.startsWith('/cache/closed') || !request.path.startsWith('/cache/')), false);
  });

  it('opens routes only to loopback hosts', () => {
    for (const directory of ['http://example.com/cache/ns/', 'http://10.0.0.1/x/', 'http://[::ffff:7f00:1]/x/', 'http://127.0.0.1.nip.io/x/']) {
      assert.throws(() => relay.open({ directory, query: '' }), /forwards only to 127\.0\.0\.0\/8, ::1 or localhost/, directory);
    }
    for (const directory of ['http://127.0.0.1:1/x/', 'http://127.1.2.3/x/', 'http://[::1]:1/x/', 'http://LOCALHOST:1/x/']) {
      relay.open({ directory, query: '' }).close();
    }
  });
});
