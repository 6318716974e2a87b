// Subagent branches: a fork of the parent's staged view, merged back three-way against
// the branch point, overlaps reported and kept (never overwritten), attribution kept.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import type { StagingArea, StagingBranch } from '../../../../src/core/staging/types';
import { dec, enc, fixture, numbered, replaceLine, tempDir } from './helpers';

async function branchOf(area: StagingArea, agent: string): Promise<StagingBranch> {
  return area.branch!({ dir: path.join(await tempDir('tandem-branch-'), agent), agent });
}

test('a branch sees the parent staged view at branch time, not the parent changes after it', async () => {
  const f = await fixture({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  await f.area.writeFile('a.txt', enc('A staged\n'));
  await f.area.deleteFile('b.txt');
  const br = await branchOf(f.area, 'w1');
  assert.equal(dec(await br.staging.readFile('a.txt')), 'A staged\n');
  assert.equal(await br.staging.readFile('b.txt'), undefined);
  await f.area.writeFile('a.txt', enc('A later\n'));
  assert.equal(dec(await br.staging.readFile('a.txt')), 'A staged\n');
  // nothing of its own yet; the parent's pending review notes are not the child's
  assert.deepEqual(await br.changes(), []);
  assert.deepEqual(br.staging.takeDecisions(), []);
});

test('disjoint changes of two siblings merge cleanly, each attributed to its child', async () => {
  const f = await fixture({ 'a.txt': numbered(10), 'b.txt': numbered(10), 'c.txt': numbered(10) });
  const w1 = await branchOf(f.area, 'w1');
  const w2 = await branchOf(f.area, 'w2');
  await w1.staging.writeFile('a.txt', enc(replaceLine(numbered(10), 2, 'two')));
  await w1.staging.writeFile('new.txt', enc('fresh\n'));
  await w2.staging.writeFile('b.txt', enc(replaceLine(numbered(10), 3, 'three')));
  await w2.staging.deleteFile('c.txt');
  assert.deepEqual(await w1.changes(), [
    { path: 'a.txt', kind: 'modify', added: 1, removed: 1 },
    { path: 'new.txt', kind: 'add', added: 1, removed: 0 },
  ]);
  const r1 = await w1.merge();
  const r2 = await w2.merge();
  assert.deepEqual(r1.conflicts, []);
  assert.deepEqual(r2.conflicts, []);
  assert.deepEqual(r2.merged.map((m) => `${m.kind} ${m.path}`), ['modify b.txt', 'delete c.txt']);
  const changes = await f.area.changes();
  assert.deepEqual(changes.map((c) => [c.path, c.kind, c.agents]), [
    ['a.txt', 'modify', ['w1']],
    ['b.txt', 'modify', ['w2']],
    ['c.txt', 'delete', ['w2']],
    ['new.txt', 'add', ['w1']],
  ]);
  // merging again brings nothing new: the branch point moved forward
  assert.deepEqual(await w1.changes(), []);
  assert.deepEqual(await w1.merge(), { merged: [], conflicts: [] });
  // workspace untouched
  assert.equal(await f.disk('a.txt'), numbered(10));
});

test('siblings changing the same file in different lines merge three-way', async () => {
  const f = await fixture({ 'a.txt': numbered(20) });
  const w1 = await branchOf(f.area, 'w1');
  const w2 = await branchOf(f.area, 'w2');
  await w1.staging.writeFile('a.txt', enc(replaceLine(numbered(20), 2, 'two')));
  await w2.staging.writeFile('a.txt', enc(replaceLine(numbered(20), 18, 'eighteen')));
  await w1.merge();
  const r = await w2.merge();
  assert.deepEqual(r.conflicts, []);
  assert.equal(dec(await f.area.readFile('a.txt')), replaceLine(replaceLine(numbered(20), 2, 'two'), 18, 'eighteen'));
  const [c] = await f.area.changes();
  assert.deepEqual(c.agents, ['w1', 'w2']);
  assert.equal(c.conflict, undefined);
});

test('an overlap with a sibling is staged between markers, reported, and refuses to apply until resolved', async () => {
  const f = await fixture({ 'a.txt': numbered(10), 'b.txt': 'b\n' });
  const w1 = await branchOf(f.area, 'w1');
  const w2 = await branchOf(f.area, 'w2');
  await w1.staging.writeFile('a.txt', enc(replaceLine(numbered(10), 5, 'five by w1')));
  await w2.staging.writeFile('a.txt', enc(replaceLine(numbered(10), 5, 'five by w2')));
  await w2.staging.writeFile('b.txt', enc('b by w2\n'));
  assert.deepEqual((await w1.merge()).conflicts, []);
  const r = await w2.merge();
  assert.equal(r.conflicts.length, 1);
  assert.equal(r.conflicts[0].path, 'a.txt');
  assert.match(r.conflicts[0].detail, /subagent w2 and w1 \(staged\) changed the same lines/);
  assert.deepEqual(r.merged.map((m) => m.path), ['b.txt']);
  const staged = dec(await f.area.readFile('a.txt'))!;
  assert.match(staged, /<<<<<<< w1 \(staged\)\nfive by w1\n=======\nfive by w2\n>>>>>>> subagent w2\n/);
  const a = (await f.area.changes()).find((c) => c.path === 'a.txt')!;
  assert.equal(a.conflict?.kind, 'markers');
  assert.deepEqual(a.conflict?.agents, ['w2']);
  assert.deepEqual(a.agents, ['w1', 'w2']);
  const refused = await f.area.apply('a.txt');
  assert.equal(refused.status, 'conflict');
  assert.equal(await f.disk('a.txt'), numbered(10));
  // resolving the markers (the user or the agent edits the staged file) clears the conflict
  await f.area.writeFile('a.txt', enc(replaceLine(numbered(10), 5, 'five, both')));
  const resolved = (await f.area.changes()).find((c) => c.path === 'a.txt')!;
  assert.equal(resolved.conflict, undefined);
  assert.equal((await f.area.apply('a.txt')).status, 'applied');
});

test('a deletion against a parent edit keeps the parent version and flags it', async () => {
  const f = await fixture({ 'a.txt': 'a\n' });
  const w1 = await branchOf(f.area, 'w1');
  await f.area.writeFile('a.txt', enc('parent edit\n'));
  await w1.staging.deleteFile('a.txt');
  const r = await w1.merge();
  assert.equal(r.conflicts.length, 1);
  assert.equal(dec(await f.area.readFile('a.txt')), 'parent edit\n');
  const [c] = await f.area.changes();
  assert.equal(c.conflict?.kind, 'kept');
  assert.match(c.conflict!.detail, /subagent w1 deleted this file/);
});

test('the user editing the workspace meanwhile: clean merges combine, overlaps are markers', async () => {
  const f = await fixture({ 'a.txt': numbered(20), 'b.txt': numbered(10) });
  const w1 = await branchOf(f.area, 'w1');
  await w1.staging.writeFile('a.txt', enc(replaceLine(numbered(20), 2, 'agent')));
  await w1.staging.writeFile('b.txt', enc(replaceLine(numbered(10), 4, 'agent')));
  await f.put('a.txt', replaceLine(numbered(20), 19, 'user'));
  await f.put('b.txt', replaceLine(numbered(10), 4, 'user'));
  const r = await w1.merge();
  assert.deepEqual(r.merged.map((m) => m.path), ['a.txt']);
  assert.deepEqual(r.conflicts.map((c) => c.path), ['b.txt']);
  assert.match(r.conflicts[0].detail, /your workspace/);
  // the clean one is the agent's change on top of the user's
  const a = (await f.area.changes()).find((c) => c.path === 'a.txt')!;
  assert.equal(a.added, 1);
  assert.equal(a.hunks[0].lines.includes('+agent'), true);
  assert.equal((await f.area.apply('a.txt')).status, 'applied');
  assert.equal(await f.disk('a.txt'), replaceLine(replaceLine(numbered(20), 19, 'user'), 2, 'agent'));
});

test('renames merge as renames; a reopened branch keeps its branch point', async () => {
  const f = await fixture({ 'old.txt': 'content\n' });
  const dir = path.join(await tempDir('tandem-branch-'), 'w1');
  const w1 = await f.area.branch!({ dir, agent: 'w1' });
  await w1.staging.rename('old.txt', 'new.txt');
  const again = await f.area.branch!({ dir, agent: 'w1' });
  assert.deepEqual(await again.changes(), [{ path: 'new.txt', kind: 'rename', from: 'old.txt', added: 0, removed: 0 }]);
  const r = await again.merge();
  assert.deepEqual(r.conflicts, []);
  const [c] = await f.area.changes();
  assert.equal(c.kind, 'rename');
  assert.equal(c.from, 'old.txt');
  assert.deepEqual(c.agents, ['w1']);
  await again.dispose();
});
