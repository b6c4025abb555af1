import assert from 'node:assert/strict';
import packageJson from '../../../package.json';
import languageConfiguration from '../../../language-configuration/m3u8.json';
import grammar from '../../../syntaxes/m3u8.tmLanguage.json';
import { FAKE_KEY, GUIDE_MASTER } from './fixtures';

interface GrammarRule {
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  name?: string;
  patterns?: GrammarRule[];
  captures?: Record<string, GrammarRule>;
  beginCaptures?: Record<string, GrammarRule>;
}

const repository = grammar.repository as Record<string, GrammarRule>;

function allRules(): GrammarRule[] {
  const rules: GrammarRule[] = [];
  const visit = (rule: GrammarRule) => {
    rules.push(rule);
    for (const child of rule.patterns ?? []) visit(child);
    for (const capture of Object.values({ ...rule.captures, ...rule.beginCaptures })) visit(capture);
  };
  for (const rule of [...(grammar.patterns as GrammarRule[]), ...Object.values(repository)]) visit(rule);
  return rules;
}

/** The grammar's regexes stay within the syntax Oniguruma and JavaScript share, so they can be checked here. */
function regex(name: string, key: 'match' | 'begin' = 'match'): RegExp {
  const source = repository[name][key];
  assert.ok(source, `${name}.${key}`);
  return new RegExp(source);
}

describe('m3u8 TextMate grammar', () => {
  it('is the grammar and language configuration the manifest contributes', () => {
    const contributes = packageJson.contributes;
    assert.equal(grammar.scopeName, 'source.m3u8');
    assert.deepEqual(contributes.grammars.find((g) => g.language === 'm3u8'), { language: 'm3u8', scopeName: 'source.m3u8', path: './syntaxes/m3u8.tmLanguage.json' });
    assert.equal(contributes.languages.find((l) => l.id === 'm3u8')?.configuration, './language-configuration/m3u8.json');
    assert.equal(languageConfiguration.comments.lineComment, '#');
  });

  it('compiles every regex, resolves every include and uses every repository rule', () => {
    const used = new Set<string>();
    for (const rule of allRules()) {
      for (const source of [rule.match, rule.begin, rule.end]) if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), source);
      if (rule.include) {
        const key = rule.include.slice(1);
        assert.ok(rule.include.startsWith('#') && key in repository, rule.include);
        used.add(key);
      }
      for (const scope of rule.name?.split(' ') ?? []) assert.match(scope, /\.m3u8$/);
    }
    assert.deepEqual(Object.keys(repository).filter((key) => !used.has(key)), []);
  });

  it('tells the header, tags and comments apart', () => {
    assert.ok(regex('header').test('#EXTM3U'));
    assert.ok(!regex('header').test('#EXTM3UX'));
    assert.equal(regex('tag', 'begin').exec('#EXT-X-TARGETDURATION:2')?.[1], '#EXT-X-TARGETDURATION');
    assert.ok(regex('comment').test('# written by hand'));
    assert.ok(regex('comment').test('#ext-x-version:3'), 'tags are case-sensitive');
    assert.ok(!regex('comment').test('#EXT-X-VERSION:3'));
    const extinf = regex('extinf').exec('#EXTINF:2.00000,Opening title');
    assert.deepEqual([extinf?.[4], extinf?.[6]], ['2.00000', 'Opening title']);
  });

  it('scopes each kind of attribute value', () => {
    const attribute = regex('attribute');
    const groups = (text: string) => {
      const found = attribute.exec(`:${text}`);
      assert.ok(found, text);
      return found;
    };
    assert.equal(groups('RESOLUTION=640x480')[8], '640x480');
    assert.equal(groups('IV=0x0123ABCD')[7], '0x0123ABCD');
    assert.equal(groups('FRAME-RATE=30.000')[9], '30.000');
    assert.equal(groups('CODECS="avc1.77.30,mp4a.40.2"')[5], 'avc1.77.30,mp4a.40.2');
    assert.equal(groups('TYPE=AUDIO')[10], 'AUDIO');
    assert.equal(groups('RESOLUTION=640x480p')[10], '640x480p', 'a malformed resolution is not a number');
    assert.equal(regex('uri-attribute').exec(',URI="key.bin?token=abc"')?.[5], 'key.bin?token=abc');
  });

  it('marks the token query parameter of the guide\'s master playlist, and only the token', () => {
    const uri = GUIDE_MASTER.split('\n')[4];
    const token = new RegExp(repository['token-parameter'].match!, 'g');
    assert.deepEqual([...uri.matchAll(token)].map((m) => m[3]), [FAKE_KEY]);
    assert.deepEqual([...'a.ts?mytoken=x&ttl=1'.matchAll(token)], []);
    const parameter = new RegExp(repository['query-parameter'].match!, 'g');
    assert.deepEqual([...uri.matchAll(parameter)].map((m) => m[1]), ['token', 'ttl_seconds', 'role']);
  });
});
