import assert from 'node:assert/strict';
import { loopbackAddressOf } from '../../../src/sandbox/cloudfront/loopbackOrigin';

describe('CloudFront sandbox loopback origins', () => {
  it('maps literal loopback names to the address to connect to', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1', '127.0.0.1'],
      ['127.255.0.9', '127.255.0.9'],
      ['localhost', '127.0.0.1'],
      ['LocalHost', '127.0.0.1'],
      ['origin.localhost', '127.0.0.1'],
      ['a-b.c.localhost', '127.0.0.1'],
      ['::1', '::1'],
      ['[::1]', '::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
    ];
    for (const [name, address] of cases) assert.equal(loopbackAddressOf(name), address, name);
  });

  it('refuses everything else, including spellings that only a resolver would turn into loopback', () => {
    for (const name of [
      '169.254.169.254', '10.0.0.1', '192.0.2.1', '0.0.0.0', '128.0.0.1', '127.0.0.256', '127.0.0', '127.1', '2130706433',
      '0177.0.0.1', '0x7f.0.0.1', '127.0.0.01', 'metadata.google.internal', 'localhost.', 'localhost.example.com',
      'notlocalhost', 'evil.com.localhost.', '-x.localhost', '.localhost', 'a..localhost', '::', '::ffff:127.0.0.1',
      '[::ffff:7f00:1]', 'fe80::1', '', ' 127.0.0.1',
    ]) {
      assert.equal(loopbackAddressOf(name), undefined, name);
    }
  });
});
