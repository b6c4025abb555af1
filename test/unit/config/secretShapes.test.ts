// secret-literal must recognise every key the product handles, real and sandbox, wherever it is pasted.
import assert from 'node:assert/strict';
import { KeyAuthority, toOuterKey } from '../../../src/sandbox/momento/keys';
import { analyzeConfig, fakeKey, guideConfig, render } from './helpers';

function secretsIn(text: string): string[] {
  return analyzeConfig(text).filter((f) => f.code === 'secret-literal').map((f) => text.slice(f.offset, f.offset + f.length));
}

describe('secret-literal key shapes', () => {
  const authority = new KeyAuthority();
  const inner = authority.mint({ role: 'read-write', namespace: 'live-origin', ttlSeconds: 3600 });
  const shapes: Record<string, string> = {
    'a Momento JWT or v1 envelope (eyJ...)': fakeKey(),
    'a sandbox key as handed out (the v1 envelope, IHsi...)': toOuterKey(inner, '127.0.0.1:4443'),
    'a sandbox inner key (mlo1.rw...)': inner,
    'a sandbox admin inner key': authority.mint({ role: 'admin', namespace: '*', ttlSeconds: 0 }),
  };

  for (const [shape, key] of Object.entries(shapes)) {
    it(`flags ${shape} pasted as a key name, and points at the whole key`, () => {
      const config = guideConfig();
      config.momento.keys.encoder = key;
      assert.deepEqual(secretsIn(render(config)), [key]);
    });
  }

  it('flags a sandbox key in the token of a destination URL', () => {
    const config = guideConfig();
    const key = shapes['a sandbox key as handed out (the v1 envelope, IHsi...)'];
    config.medialive.destination.url = `https://api.cache.cell-4-us-west-2-1.prod.a.momentohq.com/cache/live-origin/playlist.m3u8?token=${key}&ttl_seconds=3600&role=origin`;
    assert.deepEqual(secretsIn(render(config)), [key]);
  });

  it('leaves key names that merely start like a key alone', () => {
    const config = guideConfig();
    config.momento.keys.encoder = 'mlo1.rw.encoder-key-name';
    config.momento.keys.player = 'IHsi-player';
    assert.deepEqual(secretsIn(render(config)), []);
  });
});
