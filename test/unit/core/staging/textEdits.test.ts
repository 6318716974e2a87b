import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyLineEdits, computeLineEdits } from '../../../../src/core/staging/textEdits';
import { randomEditPair, rng } from './helpers';

test('edits are minimal line ranges', () => {
  assert.deepEqual(computeLineEdits('a\nb\nc\n', 'a\nB\nc\n'), [{ startLine: 1, endLine: 2, newText: 'B\n' }]);
  assert.deepEqual(computeLineEdits('a\nc\n', 'a\nb\nc\n'), [{ startLine: 1, endLine: 1, newText: 'b\n' }]);
  assert.deepEqual(computeLineEdits('a\nb\nc\n', 'a\nc\n'), [{ startLine: 1, endLine: 2, newText: '' }]);
  assert.deepEqual(computeLineEdits('a\nb', 'a\nb\n'), [{ startLine: 1, endLine: 2, newText: 'b\n' }]);
  assert.deepEqual(computeLineEdits('same\n', 'same\n'), []);
  assert.equal(computeLineEdits('1\n2\n3\n4\n5\n6\n', '1\nX\n3\n4\nY\n6\n').length, 2);
});

test('random edits round-trip exactly (fixed seed)', () => {
  const next = rng(20240611);
  for (let iter = 0; iter < 500; iter++) {
    let { oldText, newText } = randomEditPair(next);
    if (next() < 0.1) newText += 'tail';
    if (next() < 0.1) oldText = oldText.replace(/\r?\n/g, '\r\n'); // EOL-only changes too
    const edits = computeLineEdits(oldText, newText);
    assert.equal(applyLineEdits(oldText, edits), newText, JSON.stringify({ oldText, newText, edits }));
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i].startLine > edits[i - 1].endLine, 'ascending, separated');
    for (const e of edits) assert.ok(e.startLine < e.endLine || e.newText !== '', 'no empty edits');
  }
});
