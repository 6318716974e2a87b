// An agent's staged changes as a git-style patch: it parses back to the same files and
// new-side ranges, and applies to the old text to give the new text (no-newline ends too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch } from 'diff';
import { computeHunks, countChanges, publicHunk } from '../../../../src/core/staging/hunks';
import { parseGitDiff } from '../../../../src/core/codeReview/diff';
import { readOnlyWorkspace, stagedChangesToPatch } from '../../../../src/core/codeReview/staged';
import type { StagedChange } from '../../../../src/core/staging/types';

function change(path: string, kind: StagedChange['kind'], oldText: string, newText: string, from?: string): StagedChange {
  const hunks = computeHunks(oldText, newText).map(publicHunk);
  return { path, kind, from, binary: false, ...countChanges(hunks), hunks, stale: false };
}

const OLD = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const NEW = OLD.replace('line 3\n', 'line three\n').replace('line 20\n', 'line 20\nline 20.5\n').replace('line 30\n', 'line 30');

test('modify, add, delete and rename round-trip through parseGitDiff and apply to the old text', () => {
  const changes = [
    change('src/a.ts', 'modify', OLD, NEW),
    change('src/new.ts', 'add', '', 'one\ntwo\n'),
    change('src/gone.ts', 'delete', 'x\ny\n', ''),
    change('src/moved.ts', 'rename', 'keep\nold\n', 'keep\nnew\n', 'src/old.ts'),
  ];
  const patch = stagedChangesToPatch(changes);
  const files = parseGitDiff(patch);
  assert.deepEqual(files.map((f) => [f.path, f.status, f.oldPath, f.added, f.removed]), [
    ['src/a.ts', 'modified', undefined, 3, 2],
    ['src/new.ts', 'added', undefined, 2, 0],
    ['src/gone.ts', 'deleted', undefined, 0, 2],
    ['src/moved.ts', 'renamed', 'src/old.ts', 1, 1],
  ]);
  assert.deepEqual(files[0].ranges, [{ start: 1, end: 6 }, { start: 18, end: 24 }, { start: 28, end: 31 }]);
  assert.deepEqual(files[1].ranges, [{ start: 1, end: 2 }]);
  assert.equal(applyPatch(OLD, files[0].patch), NEW, 'the no-newline end of the new side is marked');
  assert.equal(applyPatch('', files[1].patch), 'one\ntwo\n');
  assert.equal(applyPatch('keep\nold\n', files[3].patch), 'keep\nnew\n');
});

test('a binary change is listed as binary', () => {
  const [f] = parseGitDiff(stagedChangesToPatch([{ path: 'img.png', kind: 'modify', binary: true, added: 0, removed: 0, hunks: [], stale: false }]));
  assert.deepEqual([f.path, f.binary, f.ranges], ['img.png', true, []]);
});

test('readOnlyWorkspace reads through the view and refuses writes', async () => {
  const view = { root: '/r', readFile: async () => new Uint8Array([104, 105]), stat: async () => undefined, readDir: async () => [] };
  const ws = readOnlyWorkspace(view);
  assert.equal(new TextDecoder().decode(await ws.readFile('a')), 'hi');
  await assert.rejects(ws.applyEdits([{ type: 'delete', path: 'a', expected: new Uint8Array() }]), /read-only/);
});
