import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SessionWriter, listSessions, deleteSession, readSessionRecords, resolveSessionId, sessionFile, stagingDir, newSessionId, assertSessionId } from '../../../../src/core/session/store';
import { rebuildSession, INTERRUPTED_OUTPUT } from '../../../../src/core/session/resume';
import { tempDir } from '../agent/helpers';

function writeSession(storage: string, id: string, opts: { text?: string; finished?: boolean } = {}) {
  const w = SessionWriter.create(storage, { id, createdAt: 1000, cwd: '/repo', instructions: 'inst' });
  w.append({ t: 'turn_started', turnId: 't1', at: 1 });
  w.append({ t: 'item', item: { id: 'u1', turnId: 't1', type: 'user_message', text: opts.text ?? 'Fix the bug in parser' } });
  w.append({ t: 'history', entries: [{ type: 'message', role: 'user', content: opts.text ?? 'Fix the bug in parser' }] });
  w.append({ t: 'history', entries: [{ type: 'function_call', callId: 'c1', name: 'read_file', arguments: '{}' }, { type: 'function_call', callId: 'c2', name: 'search', arguments: '{}' }] });
  w.append({ t: 'history', entries: [{ type: 'function_call_output', callId: 'c1', output: 'contents' }] });
  w.append({ t: 'item', item: { id: 'a1', turnId: 't1', type: 'agent_message', text: 'Looking' } });
  if (opts.finished) w.append({ t: 'turn_ended', turnId: 't1', status: 'completed', at: 2 });
  return w;
}

test('append, list (title, dates, item count), resolve a prefix', async () => {
  const storage = tempDir();
  writeSession(storage, 'aaa-1', { text: 'First task', finished: true });
  writeSession(storage, 'bbb-2', { text: 'Second  task\nwith lines', finished: true });
  const list = await listSessions(storage);
  assert.equal(list.length, 2);
  const b = list.find((s) => s.id === 'bbb-2')!;
  assert.equal(b.title, 'Second task with lines');
  assert.equal(b.items, 2);
  assert.equal(b.createdAt, 1000);
  assert.equal(b.cwd, '/repo');
  assert.ok(b.updatedAt > 0);
  assert.equal(await resolveSessionId(storage, 'bbb'), 'bbb-2');
  await assert.rejects(resolveSessionId(storage, 'zzz'), /No session/);
  writeSession(storage, 'bbb-3');
  await assert.rejects(resolveSessionId(storage, 'bbb'), /matches 2 sessions/);
});

test('a torn last line is ignored; an unfinished turn keeps its items and gets repaired calls', async () => {
  const storage = tempDir();
  writeSession(storage, 's1');
  appendFileSync(sessionFile(storage, 's1'), '{"t":"item","item":{"id":"x","tur');
  const resumed = rebuildSession(await readSessionRecords(storage, 's1'));
  assert.equal(resumed.interrupted, true);
  assert.deepEqual(resumed.items.map((i) => i.id), ['u1', 'a1']);
  // c2 never got an output: one is added at the end of the call group, after c1's
  assert.deepEqual(resumed.history.map((e) => e.type + ('callId' in e ? `:${e.callId}` : '')), ['message', 'function_call:c1', 'function_call:c2', 'function_call_output:c1', 'function_call_output:c2']);
  assert.equal((resumed.history[4] as { output: string }).output, INTERRUPTED_OUTPUT);
  assert.equal(resumed.header.instructions, 'inst');
});

test('history_reset replaces the history (compaction) and usage snapshots survive', async () => {
  const storage = tempDir();
  const w = writeSession(storage, 's1', { finished: true });
  w.append({ t: 'history_reset', entries: [{ type: 'message', role: 'user', content: 'summary' }] });
  w.append({ t: 'usage', contextTokens: 1234, historyLength: 1 });
  const r = rebuildSession(await readSessionRecords(storage, 's1'));
  assert.equal(r.interrupted, false);
  assert.deepEqual(r.history, [{ type: 'message', role: 'user', content: 'summary' }]);
  assert.deepEqual(r.usage, { contextTokens: 1234, historyLength: 1 });
});

test('delete removes the log and the staging folder; missing sessions are fine', async () => {
  const storage = tempDir();
  writeSession(storage, 's1');
  const staged = stagingDir(storage, 's1');
  mkdirSync(staged, { recursive: true });
  writeFileSync(path.join(staged, 'a.txt'), 'x');
  await deleteSession(storage, 's1');
  assert.equal(existsSync(sessionFile(storage, 's1')), false);
  assert.equal(existsSync(path.dirname(staged)), false);
  assert.deepEqual(await listSessions(storage), []);
  await deleteSession(storage, 'never-existed');
});

test('ids cannot escape the sessions folder; new ids are valid and distinct', async () => {
  assert.throws(() => assertSessionId('../etc'), /Not a valid session id/);
  assert.throws(() => sessionFile('/s', 'a/b'), /Not a valid session id/);
  const a = newSessionId();
  const b = newSessionId();
  assert.notEqual(a, b);
  assertSessionId(a);
  await assert.rejects(readSessionRecords(tempDir(), 'nope'), /No session with id "nope"/);
});

test('a file without a header is not a session', async () => {
  const storage = tempDir();
  mkdirSync(path.join(storage, 'sessions'), { recursive: true });
  writeFileSync(path.join(storage, 'sessions', 'bad.jsonl'), '{"t":"item"}\n');
  assert.deepEqual(await listSessions(storage), []);
  await assert.rejects(readSessionRecords(storage, 'bad'), /no header/);
  assert.ok(readFileSync(path.join(storage, 'sessions', 'bad.jsonl'), 'utf8'));
});
