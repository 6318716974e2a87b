// partitionDiff: one part when it fits; otherwise parts filled by directory in path
// order, a directory kept whole when it fits a part, oversized files omitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionDiff } from '../../../../src/core/codeReview/partition';
import type { DiffFile } from '../../../../src/core/codeReview/diff';

const file = (path: string, size: number, binary = false): DiffFile => ({ path, status: 'modified', binary, ranges: [], added: 1, removed: 0, patch: 'x'.repeat(size) });
const paths = (parts: DiffFile[][]) => parts.map((p) => p.map((f) => f.path));

test('a diff that fits is one part in diff order; binaries are in no part', () => {
  const files = [file('b/x.ts', 10), file('a/y.ts', 10), file('img.png', 5, true)];
  const { parts, omitted } = partitionDiff(files, 100, 1000);
  assert.deepEqual(paths(parts), [['b/x.ts', 'a/y.ts']]);
  assert.deepEqual(omitted, []);
});

test('a large diff is split by directory: neighbours share a part, a directory is not split when it fits one', () => {
  const files = [file('src/b/1.ts', 30), file('src/a/1.ts', 30), file('src/a/2.ts', 30), file('src/c/1.ts', 50), file('docs/x.md', 20)];
  const { parts } = partitionDiff(files, 100, 1000);
  assert.deepEqual(paths(parts), [['docs/x.md', 'src/a/1.ts', 'src/a/2.ts'], ['src/b/1.ts', 'src/c/1.ts']]);
  for (const p of parts) assert.ok(p.reduce((n, f) => n + f.patch.length, 0) <= 100);
});

test('a directory larger than a part is split between its files', () => {
  const files = ['1', '2', '3', '4'].map((n) => file(`big/${n}.ts`, 40));
  assert.deepEqual(paths(partitionDiff(files, 100, 1000).parts), [['big/1.ts', 'big/2.ts'], ['big/3.ts', 'big/4.ts']]);
});

test('a file larger than a part, or beyond the total budget, is omitted', () => {
  const files = [file('a.ts', 150), file('b.ts', 60), file('c.ts', 60), file('d.ts', 60)];
  const { parts, omitted } = partitionDiff(files, 100, 130);
  assert.deepEqual(omitted.map((f) => f.path), ['a.ts', 'd.ts']);
  assert.deepEqual(paths(parts), [['b.ts'], ['c.ts']]);
  assert.deepEqual(partitionDiff([file('huge.ts', 500)], 100, 1000), { parts: [], omitted: [file('huge.ts', 500)] });
});
