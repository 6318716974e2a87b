// The pure parts of editor review: the note telling the agent what the user changed in a
// staged file (and that it really reaches takeDecisions through a real staging area),
// outcome messages, and PendingChanges following the open session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import type { Agent } from '../../../../src/core/agent/types';
import type { StagedChange } from '../../../../src/core/staging/types';
import { MAX_NOTE_LINES, userEditNote } from '../../../../src/host/changes/editNote';
import { conflictMessage, pendingLabel, summarizeOutcomes } from '../../../../src/host/changes/outcomes';
import { PendingChanges, type SessionSource } from '../../../../src/host/changes/pendingChanges';

const enc = (s: string) => new TextEncoder().encode(s);

test('edit note: the diff of the user edit, capped; nothing when unchanged', () => {
  assert.equal(userEditNote('a.ts', 'x\n', 'x\n'), undefined);
  const note = userEditNote('src/a.ts', 'one\ntwo\nthree\n', 'one\nTWO\nthree\nfour\n')!;
  assert.match(note, /^the user edited your staged version of src\/a\.ts \(\+2 -1 lines\)/);
  assert.match(note, /\n-two\n\+TWO\n/);
  assert.match(note, /\+four/);
  const big = userEditNote('b.ts', '', Array.from({ length: 200 }, (_, i) => `l${i}\n`).join(''))!;
  assert.match(big, /\[\.\.\. \d+ more diff lines\]$/);
  assert.ok(big.split('\n').length <= MAX_NOTE_LINES + 3);
  assert.doesNotMatch(userEditNote('c.ts', 'a\r\nb\r\n', 'a\r\nB\r\n')!, /\r/, 'CRs of CRLF files are not shown');
});

test('edit note reaches the agent: staging.writeFile + noteDecision -> takeDecisions', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-review-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await writeFile(path.join(root, 'a.ts'), 'one\ntwo\n');
  const staging = await createStagingArea(await createNodeWorkspace(root), path.join(root, '.staging'));
  await staging.writeFile('a.ts', enc('one\nTWO\n')); // the agent
  const before = new TextDecoder().decode(await staging.readFile('a.ts'));
  await staging.writeFile('a.ts', enc('one\nTwo!\n')); // the user's save
  await staging.noteDecision!(userEditNote('a.ts', before, 'one\nTwo!\n')!);
  const decisions = staging.takeDecisions();
  assert.equal(decisions.length, 1);
  assert.match(decisions[0], /the user edited your staged version of a\.ts/);
  assert.match(decisions[0], /-TWO\n\+Two!/);
  assert.deepEqual(staging.takeDecisions(), [], 'taken once');
  const [change] = await staging.changes();
  assert.ok(change.hunks[0].lines.includes('+Two!'), 'the staged change holds the user text');
});

test('outcome summary: counts, merges and conflicts (which stay pending)', () => {
  const s = summarizeOutcomes([
    { path: 'a', status: 'applied', hunksApplied: 2, hunksTotal: 2 },
    { path: 'b', status: 'applied', hunksApplied: 1, hunksTotal: 1, merged: true },
    { path: 'c', status: 'conflict', detail: 'conflict with your edits at line 3' },
  ]);
  assert.equal(s.message, 'Tandem: applied 2 files (1 merged with your edits); 1 file not applied (conflict), still pending.');
  assert.deepEqual(s.conflicts, [{ path: 'c', detail: 'conflict with your edits at line 3' }]);
  assert.equal(summarizeOutcomes([]).message, 'Tandem: nothing was pending.');
  assert.match(conflictMessage('c', 'x'), /Nothing was overwritten; the change stays pending/);
  assert.equal(pendingLabel(0), undefined);
  assert.equal(pendingLabel(1), 'Tandem: 1 file pending');
  assert.equal(pendingLabel(3), 'Tandem: 3 files pending');
});

// ---- PendingChanges over a fake session source ------------------------------------

function fakeAgent(id: string, changes: StagedChange[]) {
  const listeners = new Set<() => void>();
  let release: (() => void) | undefined;
  const agent = {
    sessionId: id,
    list: changes,
    gate: undefined as Promise<void> | undefined,
    staging: { onDidChange: (l: () => void) => (listeners.add(l), { dispose: () => listeners.delete(l) }) },
    async changes() {
      const snapshot = agent.list; // what a real read would see at call time
      if (agent.gate) await agent.gate;
      return snapshot;
    },
    fire: () => listeners.forEach((l) => l()),
    listeners,
    hold() {
      agent.gate = new Promise((r) => (release = r));
    },
    release: () => release?.(),
  };
  return agent;
}

function source() {
  const listeners = new Set<() => void>();
  const s = {
    current: undefined as { sessionId: string; agent: Agent } | undefined,
    onDidChangeCurrent: (l: () => void) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    set(agent: ReturnType<typeof fakeAgent> | undefined) {
      s.current = agent ? { sessionId: agent.sessionId, agent: agent as unknown as Agent } : undefined;
      listeners.forEach((l) => l());
    },
  };
  return s;
}

const change = (p: string): StagedChange => ({ path: p, kind: 'modify', binary: false, added: 1, removed: 0, hunks: [], stale: false });

test('pending changes follow the open session and its staging area', async () => {
  const src = source();
  const pending = new PendingChanges(src satisfies SessionSource);
  const a = fakeAgent('A', [change('a.ts')]);
  let fired = 0;
  pending.onDidChange(() => fired++);
  src.set(a);
  await pending.refresh();
  assert.deepEqual(pending.changes.map((c) => c.path), ['a.ts']);
  assert.equal(pending.sessionId, 'A');
  assert.ok(fired > 0);

  a.list = [change('a.ts'), change('b.ts')];
  a.fire();
  // the coalesced refresh: wait for it (no timing assertion)
  for (let i = 0; i < 200 && pending.changes.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(pending.changes.map((c) => c.path), ['a.ts', 'b.ts']);

  const b = fakeAgent('B', []);
  src.set(b);
  await pending.refresh();
  assert.equal(a.listeners.size, 0, 'unsubscribed from the old staging area');
  assert.equal(b.listeners.size, 1);
  assert.deepEqual(pending.changes, []);
  src.set(undefined);
  await pending.refresh();
  assert.equal(pending.agent(), undefined);
  pending.dispose();
});

test('pending changes: a slow older refresh never overwrites a newer one', async () => {
  const src = source();
  const a = fakeAgent('A', [change('old.ts')]);
  src.set(a);
  const pending = new PendingChanges(src);
  a.hold();
  const slow = pending.refresh();
  a.list = [change('new.ts')];
  a.gate = undefined;
  await pending.refresh();
  a.release();
  await slow;
  assert.deepEqual(pending.changes.map((c) => c.path), ['new.ts']);
  pending.dispose();
});
