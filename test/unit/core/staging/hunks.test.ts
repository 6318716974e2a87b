import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyHunks, computeHunks, merge3 } from '../../../../src/core/staging/hunks';
import { splitLinesKeepEol, stripEol } from '../../../../src/core/util/text';
import { numbered, randomEditPair, replaceLine, rng } from './helpers';

test('distant edits become separate hunks with 3 lines of context and stable ids', () => {
  const old = numbered(30);
  let next = replaceLine(old, 2, 'two');
  next = replaceLine(next, 15, 'fifteen');
  next = replaceLine(next, 28, 'twenty-eight');
  const hunks = computeHunks(old, next);
  assert.equal(hunks.length, 3);
  assert.deepEqual(hunks[1].lines, [' 12', ' 13', ' 14', '-15', '+fifteen', ' 16', ' 17', ' 18']);
  assert.equal(hunks[1].oldStart, 12);
  assert.equal(new Set(hunks.map((h) => h.id)).size, 3);
  // Applying the first hunk leaves the other two with the same ids.
  const partial = applyHunks(old, next, hunks, new Set([hunks[0].id]));
  const rest = computeHunks(partial, next);
  assert.deepEqual(rest.map((h) => h.id), [hunks[1].id, hunks[2].id]);
});

test('identical hunks get distinct ids', () => {
  const hunks = computeHunks('a\nb\nc\nd\ne\nf\ng\nh\ni\na\nb\nc\nd\n', 'a\nB\nc\nd\ne\nf\ng\nh\ni\na\nB\nc\nd\n');
  assert.equal(hunks.length, 2);
  assert.notEqual(hunks[0].id, hunks[1].id);
});

test('applyHunks applies exactly the chosen hunks', () => {
  const old = numbered(30);
  const next = replaceLine(replaceLine(replaceLine(old, 2, 'A'), 15, 'B'), 28, 'C');
  const hunks = computeHunks(old, next);
  assert.equal(applyHunks(old, next, hunks, new Set([hunks[1].id])), replaceLine(old, 15, 'B'));
  assert.equal(applyHunks(old, next, hunks, new Set(hunks.map((h) => h.id))), next);
  assert.equal(applyHunks(old, next, hunks, new Set()), old);
});

test('no-final-newline is tracked per side and round-trips', () => {
  const hunks = computeHunks('a\nb', 'a\nb\n');
  assert.equal(hunks.length, 1);
  assert.deepEqual(hunks[0].lines, [' a', '-b', '+b']);
  assert.equal(hunks[0].oldNoNewlineAtEnd, true);
  assert.equal(hunks[0].newNoNewlineAtEnd, undefined);
  assert.equal(applyHunks('a\nb', 'a\nb\n', hunks, new Set([hunks[0].id])), 'a\nb\n');
  const both = computeHunks('a\nb', 'A\nb');
  assert.deepEqual(both[0].lines, ['-a', '+A', ' b']);
  assert.equal(both[0].oldNoNewlineAtEnd, true);
  assert.equal(both[0].newNoNewlineAtEnd, true);
});

test('CRLF lines display without CR but apply byte-exact', () => {
  const old = 'one\r\ntwo\r\nthree\r\n';
  const next = 'one\r\nTWO\r\nthree\r\n';
  const hunks = computeHunks(old, next);
  assert.deepEqual(hunks[0].lines, [' one', '-two', '+TWO', ' three']);
  assert.equal(applyHunks(old, next, hunks, new Set([hunks[0].id])), next);
});

test('merge3 combines separate edits and reports overlapping ones in ours-coordinates', () => {
  const base = numbered(20);
  const ours = replaceLine(base, 3, 'user');
  const theirs = replaceLine(base, 15, 'agent');
  assert.deepEqual(merge3(ours, base, theirs), { clean: true, text: replaceLine(ours, 15, 'agent') });
  const clash = merge3(replaceLine(replaceLine(base, 10, 'u10'), 11, 'u11'), base, replaceLine(base, 11, 'a11'));
  assert.equal(clash.clean, false);
  assert.deepEqual(!clash.clean && clash.conflicts, [{ start: 10, end: 11 }]);
  assert.deepEqual(merge3(ours, base, ours), { clean: true, text: ours });
});

test('random texts: hunk ranges match the lines, and any subset applies exactly (fixed seed)', () => {
  const next = rng(7);
  for (let iter = 0; iter < 300; iter++) {
    const { oldText, newText } = randomEditPair(next);
    const hunks = computeHunks(oldText, newText);
    const oldTok = splitLinesKeepEol(oldText);
    const newTok = splitLinesKeepEol(newText);
    for (const h of hunks) {
      const oldSide = h.lines.filter((l) => l[0] !== '+').map((l) => l.slice(1));
      const newSide = h.lines.filter((l) => l[0] !== '-').map((l) => l.slice(1));
      assert.deepEqual(oldSide, oldTok.slice(h.o0, h.o0 + h.oLen).map(stripEol));
      assert.deepEqual(newSide, newTok.slice(h.n0, h.n0 + h.nLen).map(stripEol));
    }
    const subset = new Set(hunks.filter(() => next() < 0.5).map((h) => h.id));
    const partial = applyHunks(oldText, newText, hunks, subset);
    const rest = computeHunks(partial, newText);
    assert.equal(applyHunks(partial, newText, rest, new Set(rest.map((h) => h.id))), newText);
    assert.equal(applyHunks(oldText, newText, hunks, new Set(hunks.map((h) => h.id))), newText);
    if (subset.size === 0) assert.equal(partial, oldText);
  }
});
