import assert from 'node:assert/strict';
import { checkText } from '../../../src/cli/checkText';
import { prng } from '../../support/random';
import { analyzeConfig, codes, guideConfig, render } from './helpers';


const FRAGMENTS = ['{', '}', '[', ']', ',', ':', '"', '\\', '1e400', '-0', 'null', 'true', '"x"', '\u0000', '\n', '/*', '//', '"url"', '"https://', '?token=', '&', '%', '\uD800', 'NaN', '0.0000001', '9'.repeat(40)];

function mutate(text: string, random: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (result.length + 1));
    const choice = random();
    if (choice < 0.35) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 8));
    else if (choice < 0.8) result = result.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + result.slice(at);
    else result = result.slice(0, at);
  }
  return result;
}

describe('malformed live-origin.json', () => {
  const valid = render(guideConfig());

  it('reports an empty file, without throwing', () => {
    for (const text of ['', '   \n']) assert.deepEqual(codes(analyzeConfig(text)), ['json-syntax']);
  });

  it('reports truncated JSON and still checks what it could read', () => {
    const truncated = valid.slice(0, valid.indexOf('"cloudfront"'));
    const findings = analyzeConfig(truncated.replace('"bitrateKbps": 2500', '"bitrateKbps": 90000'));
    assert.ok(codes(findings).includes('json-syntax'));
    assert.ok(codes(findings).includes('segment-size-limit'));
  });

  it('reports a file that is not an object', () => {
    assert.deepEqual(codes(analyzeConfig('[1, 2]')), ['json-syntax']);
  });

  it('survives wrong types everywhere: the schema check names them, the rules skip them', () => {
    const config = guideConfig() as unknown as Record<string, Record<string, unknown>>;
    config.stream.segmentLengthSeconds = 'two';
    config.stream.ladder = { not: 'an array' };
    config.momento.ttlSeconds = null;
    config.medialive.destination = 42;
    config.cloudfront.behaviors = 'none';
    const text = render(config);
    const findings = checkText('live-origin.json', text);
    const schema = findings.filter((f) => f.code === 'schema-violation');
    assert.ok(schema.length >= 5, JSON.stringify(findings, null, 1));
    assert.ok(schema.some((f) => text.slice(f.offset, f.offset + f.length) === '"two"'));
  });

  it('treats huge numbers as schema errors, not as arithmetic', () => {
    const text = render(guideConfig()).replace('"bitrateKbps": 2500', '"bitrateKbps": 1e400').replace('"ttlSeconds": 3600', '"ttlSeconds": 99999999999999999999999');
    const findings = checkText('live-origin.json', text);
    assert.ok(findings.filter((f) => f.code === 'schema-violation').length >= 2, JSON.stringify(findings, null, 1));
    assert.ok(findings.every((f) => !f.message.includes('Infinity') && !f.message.includes('NaN')));
  });

  it('names unknown keys (typos) with the key as range', () => {
    const text = render(guideConfig()).replace('"segmentLengthSeconds"', '"segmentLength"');
    const unknown = checkText('live-origin.json', text).filter((f) => f.code === 'schema-violation' && f.message.includes('segmentLength"'));
    assert.equal(unknown.length, 1);
    assert.equal(text.slice(unknown[0].offset, unknown[0].offset + unknown[0].length), '"segmentLength"');
  });

  it('checks a 5 MB file in bounded time, finding what is wrong past the first 5 MB', () => {
    const config = guideConfig();
    config.momento.region = 'us-west-1';
    const text = render({ $schema: 'x'.repeat(5 * 1024 * 1024), ...config });
    const started = Date.now();
    const findings = checkText('live-origin.json', text);
    assert.ok(Date.now() - started < 5000);
    const region = findings.filter((f) => f.code === 'momento-region-unknown');
    assert.equal(region.length, 1, JSON.stringify(findings.map((f) => f.code)));
    assert.equal(text.slice(region[0].offset, region[0].offset + region[0].length), '"us-west-1"');
    assert.ok(region[0].offset > 5 * 1024 * 1024, 'the finding lies after the 5 MB value');
  });

  it('checks a 5 MB file of ladder entries in bounded time', () => {
    const config = guideConfig();
    const rung = config.stream.ladder[0];
    config.stream.ladder = Array.from({ length: 40_000 }, (_, i) => ({ ...rung, nameModifier: `_${i}` }));
    const text = render(config);
    assert.ok(text.length > 5_000_000);
    const started = Date.now();
    const findings = checkText('live-origin.json', text);
    assert.ok(Date.now() - started < 10_000);
    assert.ok(codes(findings).includes('schema-violation'));
  });

  it('reports absurd nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(200_000);
    assert.ok(codes(analyzeConfig(deep)).includes('json-syntax'));
  });

  it('runs 3000 random mutations of a valid file with no exception', function () {
    this.timeout(60_000);
    const random = prng(20261121);
    for (let i = 0; i < 3000; i++) {
      const text = mutate(valid, random);
      try {
        checkText('live-origin.json', text);
      } catch (error) {
        assert.fail(`mutation ${i} threw ${(error as Error).stack}\n--- input ---\n${text}`);
      }
    }
  });
});
