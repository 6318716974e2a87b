// Hunk -> inline decoration layout (src/host/inline/hunkLayout.ts), on hunks the real
// core computes (computeHunks), so the line arithmetic is checked against real diffs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHunks, publicHunk } from '../../../../src/core/staging/hunks';
import { JOIN, layoutHunks } from '../../../../src/host/inline/hunkLayout';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');
const layout = (oldText: string, newText: string) => layoutHunks(computeHunks(oldText, newText).map(publicHunk));

test('a one-line replacement: the old line is red, the new text is ghost text on it', () => {
  const old = lines(10);
  const [h, ...rest] = layout(old, old.replace('line 5\n', 'LINE FIVE\n'));
  assert.equal(rest.length, 0);
  assert.deepEqual(h.removedLines, [4]);
  assert.deepEqual(h.ghosts, [{ line: 4, text: 'LINE FIVE' }]);
  assert.equal(h.anchorLine, 4);
  assert.deepEqual([h.added, h.removed], [1, 1]);
});

test('two separate hunks map to their own lines', () => {
  const old = lines(30);
  const out = layout(old, old.replace('line 3\n', 'three\n').replace('line 25\n', ''));
  assert.equal(out.length, 2);
  assert.deepEqual(out[0].removedLines, [2]);
  assert.deepEqual(out[1].removedLines, [24]);
  assert.deepEqual(out[1].ghosts, [], 'a pure deletion has no ghost text');
  assert.equal(out[1].anchorLine, 24);
});

test('a pure insertion shows after the line before it; at the top, before line 0', () => {
  const old = lines(10);
  const [mid] = layout(old, old.replace('line 6\n', 'line 6\nnew a\n  new b\n'));
  assert.deepEqual(mid.removedLines, []);
  assert.deepEqual(mid.ghosts, [{ line: 5, text: `new a${JOIN}new b` }]);
  assert.equal(mid.anchorLine, 5);
  const [top] = layout(old, `first\n${old}`);
  assert.deepEqual(top.ghosts, [{ line: 0, text: 'first', before: true }]);
  assert.equal(top.anchorLine, 0);
  const [end] = layout(old, `${old}tail\n`);
  assert.deepEqual(end.ghosts, [{ line: 9, text: 'tail' }]);
});

test('more added than removed lines: pairs first, the rest joins on the last removed line', () => {
  const old = lines(8);
  const [h] = layout(old, old.replace('line 4\nline 5\n', 'four\nfive\nfive and a half\n'));
  assert.deepEqual(h.removedLines, [3, 4]);
  assert.deepEqual(h.ghosts, [
    { line: 3, text: 'four' },
    { line: 4, text: `five${JOIN}five and a half` },
  ]);
});

test('fewer added than removed lines: the extra removed lines have no ghost', () => {
  const old = lines(8);
  const [h] = layout(old, old.replace('line 4\nline 5\nline 6\n', 'merged\n'));
  assert.deepEqual(h.removedLines, [3, 4, 5]);
  assert.deepEqual(h.ghosts, [{ line: 3, text: 'merged' }]);
});

test('CRLF files and a missing final newline map the same lines', () => {
  const old = 'a\r\nb\r\nc';
  const [h] = layout(old, 'a\r\nB\r\nc');
  assert.deepEqual(h.removedLines, [1]);
  assert.deepEqual(h.ghosts, [{ line: 1, text: 'B' }]);
  const [eof] = layout(old, 'a\r\nb\r\nc\r\n');
  assert.deepEqual(eof.removedLines, [2], 'adding the final newline replaces the last line');
});

test('an empty file getting content', () => {
  const [h] = layout('', 'hello\nworld\n');
  assert.deepEqual(h.removedLines, []);
  assert.deepEqual(h.ghosts, [{ line: 0, text: `hello${JOIN}world`, before: true }]);
});
