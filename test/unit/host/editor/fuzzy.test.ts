import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzyMatch, rankPaths } from '../../../../src/host/editor/fuzzy';

test('characters must appear in order, case-insensitively', () => {
  assert.ok(fuzzyMatch('agt', 'src/core/agent/types.ts'));
  assert.ok(fuzzyMatch('AGT', 'src/core/agent/types.ts'));
  assert.equal(fuzzyMatch('tga', 'src/core/agent.ts'), undefined);
  assert.equal(fuzzyMatch('xyz', 'src/core/agent.ts'), undefined);
});

test('file-name and word-start matches rank above scattered ones', () => {
  const paths = ['src/parser/argument.ts', 'docs/readme-args.md', 'src/cli/args.ts', 'test/unit/cli/args.test.ts'];
  const ranked = rankPaths('args', paths).map((m) => m.path);
  assert.equal(ranked[0], 'src/cli/args.ts');
  assert.ok(ranked.indexOf('src/cli/args.ts') < ranked.indexOf('src/parser/argument.ts') || !ranked.includes('src/parser/argument.ts'));
  assert.deepEqual(rankPaths('mt', ['src/messageTypes.ts', 'src/mutate.ts']).map((m) => m.path)[0], 'src/messageTypes.ts');
});

test('positions point at the matched characters; duplicates and non-matches are dropped', () => {
  const m = fuzzyMatch('ct', 'src/cli/types.ts');
  assert.ok(m);
  assert.deepEqual(m.positions.map((p) => 'src/cli/types.ts'[p].toLowerCase()), ['c', 't']);
  assert.deepEqual(rankPaths('zz', ['a', 'b']), []);
  assert.equal(rankPaths('a', ['a.ts', 'a.ts']).length, 1);
  assert.equal(rankPaths('', ['b/long/path.ts', 'a.ts'])[0].path, 'a.ts', 'an empty query prefers short paths');
});
