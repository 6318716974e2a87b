// Findings of the background review on staged hunks: anchored to the hunk they overlap,
// following it when lines move (an earlier hunk rejected), gone with it; staged lines
// shown on the workspace file under the inline diff; what one turn changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHunks, countChanges, publicHunk } from '../../../../src/core/staging/hunks';
import type { StagedChange } from '../../../../src/core/staging/types';
import type { ReviewFinding } from '../../../../src/core/codeReview/types';
import { anchorFindings, changedLinesSince, editorRange, hunkAt, relocateFindings, stagedToWorkspaceLine } from '../../../../src/host/codeReview/hunkFindings';

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => `${f(i + 1)}\n`).join('');
const OLD = lines(40);

function change(path: string, oldText: string, newText: string, kind: StagedChange['kind'] = 'modify'): StagedChange {
  const hunks = computeHunks(oldText, newText).map(publicHunk);
  return { path, kind, binary: false, ...countChanges(hunks), hunks, stale: false };
}

const finding = (path: string, startLine: number, endLine = startLine): ReviewFinding => ({ path, startLine, endLine, priority: 1, title: 't', body: 'b', confidence: 0.9, fingerprint: `fp${startLine}` });

// two hunks: three lines inserted after line 5, line 30 replaced
const NEW = OLD.replace('line 5\n', 'line 5\nadded a\nadded b\nadded c\n').replace('line 30\n', 'line thirty\n');

test('a finding anchors to the hunk it overlaps; one outside every hunk is left out', () => {
  const c = change('a.ts', OLD, NEW);
  assert.equal(c.hunks.length, 2);
  // staged lines: 6-8 are the insertions, 33 is "line thirty"
  assert.equal(hunkAt(c.hunks, 7, 7)?.id, c.hunks[0].id);
  const anchored = anchorFindings([finding('a.ts', 7), finding('a.ts', 33), finding('a.ts', 20), finding('b.ts', 7)], [c]);
  assert.deepEqual(anchored.map((f) => [f.startLine, f.hunkId]), [[7, c.hunks[0].id], [33, c.hunks[1].id]]);
});

test('findings follow their hunk when an earlier hunk is rejected, and go when theirs is', () => {
  const reviewed = change('a.ts', OLD, NEW);
  const anchored = anchorFindings([finding('a.ts', 7), finding('a.ts', 33, 34)], [reviewed]);
  assert.equal(relocateFindings(anchored, [reviewed]), anchored, 'nothing moved: the same array');

  // the insertion hunk rejected: the second hunk's staged lines move up by 3
  const afterReject = change('a.ts', OLD, OLD.replace('line 30\n', 'line thirty\n'));
  const moved = relocateFindings(anchored, [afterReject]);
  assert.deepEqual(moved.map((f) => [f.startLine, f.endLine, f.hunkId]), [[30, 31, afterReject.hunks[0].id]]);

  // the file applied (no longer staged): its findings go
  assert.deepEqual(relocateFindings(anchored, []), []);
  // the agent rewrote the hunk: the finding was about code that is gone
  assert.deepEqual(relocateFindings(anchored.slice(1), [change('a.ts', OLD, OLD.replace('line 30\n', 'line 30 again\n'))]), []);
});

test('staged lines map onto the workspace file under the inline diff', () => {
  const c = change('a.ts', OLD, NEW);
  assert.equal(stagedToWorkspaceLine(c.hunks, 3), 3, 'above every hunk');
  assert.equal(stagedToWorkspaceLine(c.hunks, 5), 5, 'a context line of the hunk');
  assert.equal(stagedToWorkspaceLine(c.hunks, 6), 5, 'an inserted line sits on the line it follows');
  assert.equal(stagedToWorkspaceLine(c.hunks, 8), 5);
  assert.equal(stagedToWorkspaceLine(c.hunks, 9), 6, 'the line after the insertion');
  assert.equal(stagedToWorkspaceLine(c.hunks, 20), 17, 'between hunks: shifted by the insertion');
  assert.equal(stagedToWorkspaceLine(c.hunks, 33), 30, 'a replaced line sits on the line it replaces');
  assert.equal(stagedToWorkspaceLine(c.hunks, 43), 40, 'below every hunk');
  const top = change('b.ts', 'a\nb\n', 'new\na\nb\n');
  assert.equal(stagedToWorkspaceLine(top.hunks, 1), 1, 'an insertion at the top sits on the first line');
  assert.deepEqual(editorRange({ startLine: 6, endLine: 8 }, c), { startLine: 5, endLine: 5, onStaged: false });
  const added = change('n.ts', '', 'x\ny\n', 'add');
  assert.deepEqual(editorRange({ startLine: 2, endLine: 2 }, added), { startLine: 2, endLine: 2, onStaged: true }, 'an added file: the staged document');
});

test('a turn counts only the staged lines it changed', () => {
  const before = [change('a.ts', OLD, OLD.replace('line 30\n', 'line thirty\n'))];
  const after = [change('a.ts', OLD, NEW), change('c.ts', 'x\n', 'y\n')];
  // the pending line-30 hunk does not count; the insertion (3) and c.ts (2) do
  assert.equal(changedLinesSince(before, after), 5);
  assert.equal(changedLinesSince(after, after), 0);
  assert.equal(changedLinesSince([], before), 2);
});
