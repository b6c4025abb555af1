import assert from 'node:assert/strict';
import { CliFailure, describeFailure } from '../../../src/cli/failure';

function errno(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('command-line failure messages', () => {
  it('prints an expected failure as one line with its fix and no stack', () => {
    const text = describeFailure(new CliFailure('ffmpeg is not installed: apt-get install ffmpeg.'), false);
    assert.equal(text, 'live-origin: ffmpeg is not installed: apt-get install ffmpeg.');
  });

  it('names the address of a port in use', () => {
    const text = describeFailure(errno('listen EADDRINUSE', { code: 'EADDRINUSE', address: '127.0.0.1', port: 8080 }), false);
    assert.match(text, /^live-origin: 127\.0\.0\.1:8080 is already in use: stop the program holding it/);
    assert.doesNotMatch(text, /\n/);
  });

  it('names the path of a permission failure', () => {
    const text = describeFailure(errno('EACCES', { code: 'EACCES', syscall: 'mkdir', path: '/root/x' }), false);
    assert.match(text, /^live-origin: Permission denied on \/root\/x \(mkdir\): choose a folder/);
  });

  it('says which variables to check when a credential is refused', () => {
    const refused = Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' });
    const text = describeFailure(refused, false);
    assert.match(text, /credential was refused \(UnrecognizedClientException/);
    assert.match(text, /AWS_PROFILE/);
    assert.doesNotMatch(text, /\n/);
  });

  it('calls anything else a bug, says where to report it, and keeps the stack for --debug', () => {
    const bug = new TypeError('x is undefined');
    const plain = describeFailure(bug, false);
    assert.match(plain, /unexpected failure: x is undefined/);
    assert.match(plain, /report it at https:\/\/github\.com\/momento-live-origin\/momento-live-origin\/issues/);
    assert.doesNotMatch(plain, /\n\s+at /);
    assert.match(describeFailure(bug, true), /\n\s+at /);
    assert.match(describeFailure(new CliFailure('fix it'), true), /^live-origin: fix it\n.*fix it\n\s+at /);
  });
});
