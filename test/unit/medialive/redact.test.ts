import assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/sandbox/medialive/redact';

describe('sandbox MediaLive error redaction', () => {
  it('hides the token in URLs ffmpeg quotes, and nothing else', () => {
    const line = "[hls @ 0x1] Failed to open file 'http://127.0.0.1:9/cache/ns/playlist_720p30_00001.ts?token=eyJhbGciOi%2F.x&ttl_seconds=60&role=origin'";
    assert.equal(redactSecrets(line), "[hls @ 0x1] Failed to open file 'http://127.0.0.1:9/cache/ns/playlist_720p30_00001.ts?token=<redacted>&ttl_seconds=60&role=origin'");
    assert.equal(redactSecrets('x?ttl_seconds=60&TOKEN=abc'), 'x?ttl_seconds=60&TOKEN=<redacted>');
    assert.equal(redactSecrets('Connection refused'), 'Connection refused');
  });

  it('hides Authorization header values', () => {
    assert.equal(redactSecrets('header Authorization: Basic bW9tZW50bzpr\r\n'), 'header Authorization: <redacted>\r\n');
  });
});
