// Applying and rejecting staged changes: per hunk, merged, conflicting, and by file kind.
import { strict as assert } from 'node:assert';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';
import type { Workspace } from '../../../../src/core/workspace/types';
import { dec, enc, fixture, numbered, replaceLine } from './helpers';

const BASE = numbered(30);
const AGENT = replaceLine(replaceLine(replaceLine(BASE, 2, 'two'), 15, 'fifteen'), 28, 'twenty-eight');

test('apply hunk 2 of 3: the file on disk gets exactly that hunk, the rest stays staged', async () => {
  const f = await fixture({ 'src/a.ts': BASE });
  await f.area.writeFile('src/a.ts', enc(AGENT));
  const [change] = await f.area.changes();
  assert.deepEqual([change.kind, change.added, change.removed, change.hunks.length, change.stale], ['modify', 3, 3, 3, false]);
  const [h1, h2, h3] = change.hunks;
  const outcome = await f.area.apply('src/a.ts', [h2.id]);
  assert.deepEqual(outcome, { path: 'src/a.ts', status: 'applied', hunksApplied: 1, hunksTotal: 3 });
  assert.equal(await f.disk('src/a.ts'), replaceLine(BASE, 15, 'fifteen'));
  assert.equal(dec(await f.area.readFile('src/a.ts')), AGENT, 'the staged file is unchanged');
  const [after] = await f.area.changes();
  assert.deepEqual(after.hunks.map((h) => h.id), [h1.id, h3.id]);
  assert.equal(after.stale, false);
  assert.deepEqual(f.area.takeDecisions(), ['applied 1 of 3 hunks in src/a.ts; the rest stay staged']);
  await f.area.apply('src/a.ts');
  assert.equal(await f.disk('src/a.ts'), AGENT);
  assert.deepEqual(await f.area.changes(), []);
  assert.deepEqual(f.area.takeDecisions(), ['applied the remaining 2 hunks in src/a.ts (1 applied earlier)']);
});

test('reject some hunks: the staged version loses them; rejecting the rest clears the entry', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  const [h1, h2, h3] = (await f.area.changes())[0].hunks;
  const outcome = await f.area.reject('a.ts', [h1.id, h3.id], 'keep the old name');
  assert.deepEqual(outcome, { path: 'a.ts', status: 'rejected', hunksRejected: 2, reason: 'keep the old name' });
  assert.equal(dec(await f.area.readFile('a.ts')), replaceLine(BASE, 15, 'fifteen'));
  assert.equal(await f.disk('a.ts'), BASE);
  assert.deepEqual((await f.area.changes())[0].hunks.map((h) => h.id), [h2.id]);
  await f.area.reject('a.ts', [h2.id]);
  assert.deepEqual(await f.area.changes(), []);
  assert.deepEqual(f.area.takeDecisions(), [
    'rejected 2 hunks in a.ts (reason: keep the old name)',
    'rejected the remaining 1 hunk in a.ts (2 rejected earlier)',
  ]);
  await assert.rejects(f.area.reject('a.ts', ['nope']), /Nothing is staged/);
});

test('unknown hunk ids are a clear error and change nothing', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  await assert.rejects(f.area.apply('a.ts', ['h-not-there']), /no hunk h-not-there/);
  assert.equal(await f.disk('a.ts'), BASE);
  assert.equal((await f.area.changes())[0].hunks.length, 3);
});

test('the user edited elsewhere: hunks do not revert it, apply merges three-way', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  const userVersion = replaceLine(BASE, 8, 'user eight');
  await f.put('a.ts', userVersion);
  const [change] = await f.area.changes();
  assert.equal(change.stale, true);
  assert.equal(change.hunks.length, 3);
  assert.ok(change.hunks.every((h) => !h.lines.includes('-user eight')), 'no hunk reverts the user');
  const outcome = await f.area.apply('a.ts', [change.hunks[0].id]);
  assert.deepEqual(outcome, { path: 'a.ts', status: 'applied', hunksApplied: 1, hunksTotal: 3, merged: true });
  assert.equal(await f.disk('a.ts'), replaceLine(userVersion, 2, 'two'));
  // Rebased: the staged view now carries the user's edit, and the rest is a plain diff.
  assert.equal(dec(await f.area.readFile('a.ts')), replaceLine(AGENT, 8, 'user eight'));
  const [rest] = await f.area.changes();
  assert.deepEqual([rest.hunks.length, rest.stale], [2, false]);
  const all = await f.area.apply('a.ts');
  assert.equal(all.status, 'applied');
  assert.equal(await f.disk('a.ts'), replaceLine(AGENT, 8, 'user eight'));
  assert.deepEqual(await f.area.changes(), []);
  assert.deepEqual(f.area.takeDecisions(), [
    "applied 1 of 3 hunks in a.ts, merged with the user's own edits; the rest stay staged",
    'applied the remaining 2 hunks in a.ts (1 applied earlier)',
  ]);
});

test('the user edited the same lines: conflict, nothing written, change kept', async () => {
  const f = await fixture({ 'a.ts': BASE });
  await f.area.writeFile('a.ts', enc(AGENT));
  const userVersion = replaceLine(replaceLine(BASE, 14, 'u14'), 15, 'u15');
  await f.put('a.ts', userVersion);
  const outcome = await f.area.apply('a.ts');
  assert.deepEqual(outcome, { path: 'a.ts', status: 'conflict', detail: 'conflict with your edits at lines 14-15' });
  assert.equal(await f.disk('a.ts'), userVersion);
  assert.deepEqual(f.area.takeDecisions(), ["a.ts not applied: conflict with the user's edits at lines 14-15"]);
  const [change] = await f.area.changes();
  assert.equal(change.stale, true);
  // Rejecting the clashing hunk lets the rest merge.
  const clash = change.hunks.find((h) => h.lines.includes('+fifteen'))!;
  await f.area.reject('a.ts', [clash.id]);
  const ok = await f.area.apply('a.ts');
  assert.equal(ok.status, 'applied');
  assert.equal(await f.disk('a.ts'), replaceLine(replaceLine(userVersion, 2, 'two'), 28, 'twenty-eight'));
});

test('a concurrent edit during apply is merged once, or is a conflict; never overwritten', async () => {
  for (const [line, expectConflict] of [[5, false], [15, true]] as const) {
    const f = await fixture({ 'a.ts': BASE });
    let injected = false;
    // The user's editor saves between our read and our write.
    const racy: Workspace = {
      root: f.ws.root,
      readFile: (p) => f.ws.readFile(p),
      stat: (p) => f.ws.stat(p),
      readDir: (p) => f.ws.readDir(p),
      applyEdits: async (edits) => {
        if (!injected) {
          injected = true;
          await f.put('a.ts', replaceLine(BASE, line, 'racing user'));
        }
        return f.ws.applyEdits(edits);
      },
    };
    const area = await createStagingArea(racy, path.join(f.stagingDir, 'racy'));
    await area.writeFile('a.ts', enc(AGENT));
    const outcome = await area.apply('a.ts');
    if (expectConflict) {
      assert.equal(outcome.status, 'conflict');
      assert.equal(await f.disk('a.ts'), replaceLine(BASE, 15, 'racing user'));
      assert.equal((await area.changes()).length, 1);
    } else {
      assert.deepEqual(outcome, { path: 'a.ts', status: 'applied', hunksApplied: 3, hunksTotal: 3, merged: true });
      assert.equal(await f.disk('a.ts'), replaceLine(AGENT, 5, 'racing user'));
    }
  }
});

test('CRLF files stay CRLF through partial and whole applies', async () => {
  const crlf = numbered(30, '\r\n');
  const f = await fixture({ 'w.txt': crlf });
  await f.area.writeFile('w.txt', enc(AGENT)); // the agent wrote LF
  const [change] = await f.area.changes();
  assert.equal(change.hunks.length, 3);
  assert.deepEqual(change.hunks[0].lines.slice(0, 3), [' 1', '-2', '+two']);
  await f.area.apply('w.txt', [change.hunks[2].id]);
  assert.equal(await f.disk('w.txt'), replaceLine(crlf, 28, 'twenty-eight'));
  await f.area.apply('w.txt');
  const final = (await f.disk('w.txt'))!;
  assert.equal(final, AGENT.replace(/\n/g, '\r\n'));
  assert.equal(final.split('\n').length - 1, final.split('\r\n').length - 1, 'no bare LF');
});

test('files without a final newline: edits elsewhere keep it missing; adding it is a hunk', async () => {
  const f = await fixture({ 'n.txt': 'first\n' + numbered(10) + 'last' });
  await f.area.writeFile('n.txt', enc('FIRST\n' + numbered(10) + 'last'));
  const [c] = await f.area.changes();
  assert.equal(c.hunks.length, 1);
  await f.area.apply('n.txt');
  assert.equal(await f.disk('n.txt'), 'FIRST\n' + numbered(10) + 'last');

  await f.area.writeFile('n.txt', enc('first\n' + numbered(10) + 'last\n'));
  const [c2] = await f.area.changes();
  assert.equal(c2.hunks.length, 2);
  assert.equal(c2.hunks[1].oldNoNewlineAtEnd, true);
  assert.deepEqual(c2.hunks[1].lines.slice(-2), ['-last', '+last']);
  await f.area.apply('n.txt', [c2.hunks[1].id]);
  assert.equal(await f.disk('n.txt'), 'FIRST\n' + numbered(10) + 'last\n');
  await f.area.reject('n.txt');
  assert.equal(await f.disk('n.txt'), 'FIRST\n' + numbered(10) + 'last\n');
});

test('binary files: whole-file only, exact bytes, stale is a conflict', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]);
  const f = await fixture({ 'img.png': 'placeholder' });
  await writeFile(path.join(f.root, 'img.png'), png);
  const next = new Uint8Array([...png, 0x00, 0x42]);
  await f.area.writeFile('img.png', next);
  const [c] = await f.area.changes();
  assert.deepEqual([c.binary, c.hunks, c.added, c.removed], [true, [], 0, 0]);
  assert.equal((await f.area.apply('img.png')).status, 'applied');
  assert.deepEqual(new Uint8Array(await readFile(path.join(f.root, 'img.png'))), next);
  await f.area.writeFile('img.png', png);
  await writeFile(path.join(f.root, 'img.png'), new Uint8Array([1, 0, 2]));
  assert.equal((await f.area.apply('img.png')).status, 'conflict');
  assert.deepEqual(new Uint8Array(await readFile(path.join(f.root, 'img.png'))), new Uint8Array([1, 0, 2]));
});

test('deletions apply whole; a deletion of a file the user changed since is a conflict', async () => {
  const f = await fixture({ 'd.txt': 'a\nb\n', 'e.txt': 'e\n' });
  await f.area.deleteFile('d.txt');
  await f.area.deleteFile('e.txt');
  const [d] = await f.area.changes();
  assert.deepEqual([d.kind, d.removed, d.added], ['delete', 2, 0]);
  assert.deepEqual(await f.area.apply('d.txt', [d.hunks[0].id]), { path: 'd.txt', status: 'applied', hunksApplied: 1, hunksTotal: 1 });
  assert.equal(await f.disk('d.txt'), undefined);
  await f.put('e.txt', 'user\n');
  const out = await f.area.apply('e.txt');
  assert.equal(out.status, 'conflict');
  assert.equal(await f.disk('e.txt'), 'user\n');
  assert.deepEqual(f.area.takeDecisions(), [
    'applied the deletion of d.txt',
    'e.txt not applied: the user changed the file after the agent deleted it',
  ]);
});

test('renames apply whole, keep the mode, and merge content the user changed', async () => {
  const f = await fixture({ 'bin/run.sh': '#!/bin/sh\n' + numbered(20) });
  await chmod(path.join(f.root, 'bin/run.sh'), 0o755);
  await f.area.rename('bin/run.sh', 'scripts/run.sh', enc('#!/bin/sh\n' + replaceLine(numbered(20), 18, 'x')));
  await f.put('bin/run.sh', '#!/bin/sh\n' + replaceLine(numbered(20), 2, 'user'));
  const out = await f.area.apply('scripts/run.sh');
  assert.deepEqual(out, { path: 'scripts/run.sh', status: 'applied', hunksApplied: 1, hunksTotal: 1, merged: true });
  assert.equal(await f.disk('bin/run.sh'), undefined);
  assert.equal(await f.disk('scripts/run.sh'), '#!/bin/sh\n' + replaceLine(replaceLine(numbered(20), 2, 'user'), 18, 'x'));
  assert.equal((await stat(path.join(f.root, 'scripts/run.sh'))).mode & 0o777, 0o755);
  assert.deepEqual(f.area.takeDecisions(), ["applied the rename of bin/run.sh to scripts/run.sh, merged with the user's own edits"]);
});

test('applyAll orders deletions first, creates folders; discardAll clears the rest', async () => {
  const f = await fixture({ 'a': 'was a file\n', 'm.txt': 'm\n', 'keep.txt': 'k\n' });
  await f.area.deleteFile('a');
  await f.area.writeFile('a/b/c.txt', enc('c\n'));
  await f.area.writeFile('m.txt', enc('M\n'));
  const outcomes = await f.area.applyAll();
  assert.deepEqual(outcomes.map((o) => [o.path, o.status]), [['a', 'applied'], ['m.txt', 'applied'], ['a/b/c.txt', 'applied']]);
  assert.equal(await f.disk('a/b/c.txt'), 'c\n');
  assert.equal(await f.disk('m.txt'), 'M\n');
  assert.deepEqual(f.area.takeDecisions(), ['applied the deletion of a', 'applied m.txt', 'applied the new file a/b/c.txt']);
  await f.area.writeFile('keep.txt', enc('K\n'));
  await f.area.rename('m.txt', 'n.txt');
  const discarded = await f.area.discardAll();
  assert.deepEqual(discarded.map((o) => [o.path, o.status]), [['keep.txt', 'rejected'], ['n.txt', 'rejected']]);
  assert.deepEqual(await f.area.stagedPaths(), []);
  assert.equal(await f.disk('keep.txt'), 'k\n');
  assert.deepEqual(f.area.takeDecisions(), ['rejected keep.txt entirely', 'rejected the rename of m.txt to n.txt entirely']);
});
