import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, nearestWindows, seekAll, seekAtEnd } from '../../../../src/core/patch/seek';

const idx = (lines: string[]) => new LineIndex(lines);

test('exact match wins and reports every exact position', () => {
  const r = seekAll(idx(['a', 'b', 'a', 'b']), ['a', 'b']);
  assert.deepEqual(r, { level: 'exact', indices: [0, 2] });
});

test('trailing whitespace is ignored at the trim-end level', () => {
  assert.deepEqual(seekAll(idx(['x', 'foo  ', 'bar\t']), ['foo', 'bar']), { level: 'trim-end', indices: [1] });
});

test('leading whitespace is ignored at the trim level', () => {
  assert.deepEqual(seekAll(idx(['    foo', '\tbar']), ['foo', 'bar']), { level: 'trim', indices: [0] });
});

test('Unicode punctuation is normalised at the last level', () => {
  const lines = ['const s = \u201Chello\u201D; // it\u2019s \u2014 fine', 'x\u00A0=\u00A01'];
  assert.deepEqual(seekAll(idx(lines), ['const s = "hello"; // it\'s - fine', 'x = 1']), { level: 'unicode', indices: [0] });
});

test('a stricter level wins over a fuzzier earlier match', () => {
  assert.deepEqual(seekAll(idx(['  foo', 'x', 'foo']), ['foo']), { level: 'exact', indices: [2] });
});

test('search starts at from', () => {
  assert.deepEqual(seekAll(idx(['a', 'b', 'a']), ['a'], 1), { level: 'exact', indices: [2] });
});

test('no match and a pattern longer than the file both return undefined', () => {
  assert.equal(seekAll(idx(['a']), ['b']), undefined);
  assert.equal(seekAll(idx(['a']), ['a', 'a', 'a']), undefined);
});

test('seekAtEnd only matches at the end of the file', () => {
  const i = idx(['a', 'b', 'a', 'b']);
  assert.deepEqual(seekAtEnd(i, ['a', 'b']), { level: 'exact', indices: [2] });
  assert.equal(seekAtEnd(i, ['a']), undefined);
});

test('nearestWindows ranks the most similar window first', () => {
  const lines = ['function one() {', '  return 1;', '}', 'function two() {', '  return 2 + x;', '}'];
  const w = nearestWindows(idx(lines), ['function two() {', '  return 2 + y;']);
  assert.equal(w[0].start, 3);
  assert.ok(w[0].score > 0.8);
});
