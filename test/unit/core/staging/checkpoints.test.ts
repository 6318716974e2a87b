// Checkpoints, undo and revert of the disk staging area over a real Node workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StagingArea } from '../../../../src/core/staging/types';
import { dec, enc, fixture, numbered, replaceLine } from './helpers';

/** Every staged path with its staged content (undefined for deletions) and kind. */
async function snapshot(area: StagingArea): Promise<Record<string, { kind: string; content?: string; from?: string }>> {
  const out: Record<string, { kind: string; content?: string; from?: string }> = {};
  for (const c of await area.changes()) {
    out[c.path] = { kind: c.kind, ...(c.from ? { from: c.from } : {}), ...(c.kind === 'delete' ? {} : { content: dec(await area.readFile(c.path)) }) };
  }
  return out;
}

test('undo puts the staged set back to a checkpoint: writes, adds, deletes, renames', async () => {
  const f = await fixture({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
  await f.area.writeFile('a.txt', enc('a1\n'));
  await f.area.writeFile('new.txt', enc('new\n'));
  await f.area.checkpoint!('t2');
  const before = await snapshot(f.area);
  // turn 2: more changes of every kind
  await f.area.writeFile('a.txt', enc('a2\n'));
  await f.area.deleteFile('b.txt');
  await f.area.rename('c.txt', 'd.txt');
  await f.area.writeFile('new.txt', enc('newer\n'));
  await f.area.writeFile('other.txt', enc('x\n'));
  const result = await f.area.undo!('t2', 'turn 2');
  assert.deepEqual(result, { restored: ['a.txt', 'b.txt', 'd.txt', 'new.txt', 'other.txt'], applied: [] });
  assert.deepEqual(await snapshot(f.area), before);
  // the user's files were never touched
  assert.equal(await f.disk('a.txt'), 'a\n');
  assert.equal(await f.disk('c.txt'), 'c\n');
  // the agent is told
  assert.match(f.area.takeDecisions().join('\n'), /undid turn 2 and everything after it/);
  // and it survives reopening: the layer holds exactly the restored files
  const again = await f.reopen();
  assert.deepEqual(await snapshot(again), before);
  assert.deepEqual((await readdir(path.join(f.stagingDir, 'layer'))).sort(), ['a.txt', 'new.txt']);
});

test('checkpoints store unchanged contents once', async () => {
  const f = await fixture({ 'a.txt': 'a\n' });
  await f.area.writeFile('a.txt', enc('same\n'));
  await f.area.checkpoint!('t1');
  await f.area.checkpoint!('t2');
  await f.area.writeFile('b.txt', enc('same\n')); // same bytes, other file
  await f.area.checkpoint!('t3');
  const objects = await readdir(path.join(f.stagingDir, 'objects'));
  assert.equal(objects.length, 2, 'the staged content once, the base once'); // "same\n" and "a\n"
  const cp = JSON.parse(await readFile(path.join(f.stagingDir, 'checkpoints', 't3.json'), 'utf8'));
  assert.equal(cp.entries['a.txt'].content, cp.entries['b.txt'].content);
});

test('an unknown turn is a clear error', async () => {
  const f = await fixture({ 'a.txt': 'a\n' });
  await assert.rejects(f.area.undo!('nope'), /no checkpoint for this turn/);
  await assert.rejects(f.area.revertApplied!('nope'), /no checkpoint for this turn/);
});

test('revert of an applied change keeps a later user edit elsewhere, and restages the file as it was', async () => {
  const text = numbered(20);
  const f = await fixture({ 'a.txt': text });
  await f.area.checkpoint!('t1');
  await f.area.writeFile('a.txt', enc(replaceLine(text, 3, 'agent')));
  await f.area.apply('a.txt');
  assert.equal(await f.disk('a.txt'), replaceLine(text, 3, 'agent'));
  // the user edits line 15 afterwards
  await f.put('a.txt', replaceLine(replaceLine(text, 3, 'agent'), 15, 'mine'));
  const undo = await f.area.undo!('t1', 'turn 1');
  assert.deepEqual(undo.applied, ['a.txt']);
  assert.equal(await f.disk('a.txt'), replaceLine(replaceLine(text, 3, 'agent'), 15, 'mine'), 'undo alone leaves the user files');
  const outcomes = await f.area.revertApplied!('t1', 'turn 1');
  assert.deepEqual(outcomes, [{ path: 'a.txt', status: 'reverted' }]);
  assert.equal(await f.disk('a.txt'), replaceLine(text, 15, 'mine'));
  assert.deepEqual(await f.area.changes(), [], 'nothing was staged for a.txt at the checkpoint');
  assert.deepEqual(f.area.appliedSince!('t1'), []);
  assert.match(f.area.takeDecisions().join('\n'), /reverted the applied changes of turn 1 in the user's files \(a\.txt\)/);
});

test('revert with an overlapping user edit is a conflict and writes nothing', async () => {
  const text = numbered(10);
  const f = await fixture({ 'a.txt': text });
  await f.area.checkpoint!('t1');
  await f.area.writeFile('a.txt', enc(replaceLine(text, 3, 'agent')));
  await f.area.apply('a.txt');
  const edited = replaceLine(text, 3, 'agent, then mine');
  await f.put('a.txt', edited);
  const outcomes = await f.area.revertApplied!('t1');
  assert.equal(outcomes.length, 1);
  assert.equal(outcomes[0].status, 'conflict');
  assert.match(outcomes[0].detail ?? '', /conflict with your edits at line 3/);
  assert.equal(await f.disk('a.txt'), edited);
  assert.deepEqual(f.area.appliedSince!('t1'), ['a.txt'], 'still revertable once resolved');
  assert.match(f.area.takeDecisions().join('\n'), /a\.txt not applied: could not revert a\.txt: conflict with the user's edits/);
});

test('revert brings back deleted files, removes added ones, moves renames back, and restages the checkpoint', async () => {
  const f = await fixture({ 'gone.txt': 'keep me\n', 'old.txt': 'moved\n', 'a.txt': 'a\n' });
  await f.area.writeFile('a.txt', enc('staged before\n'));
  await f.area.checkpoint!('t2');
  await f.area.deleteFile('gone.txt');
  await f.area.writeFile('added.txt', enc('added\n'));
  await f.area.rename('old.txt', 'new.txt');
  await f.area.writeFile('a.txt', enc('staged in turn 2\n'));
  await f.area.applyAll();
  assert.equal(await f.disk('gone.txt'), undefined);
  assert.equal(await f.disk('a.txt'), 'staged in turn 2\n');
  const outcomes = await f.area.revertApplied!('t2');
  assert.deepEqual(outcomes.map((o) => [o.path, o.status]), [['a.txt', 'reverted'], ['added.txt', 'reverted'], ['gone.txt', 'reverted'], ['new.txt', 'reverted']]);
  assert.equal(await f.disk('gone.txt'), 'keep me\n');
  assert.equal(await f.disk('added.txt'), undefined);
  assert.equal(await f.disk('old.txt'), 'moved\n');
  assert.equal(await f.disk('new.txt'), undefined);
  assert.equal(await f.disk('a.txt'), 'a\n');
  // what the checkpoint staged for a.txt (turn 1's change) is staged again
  assert.deepEqual(await snapshot(f.area), { 'a.txt': { kind: 'modify', content: 'staged before\n' } });
});
