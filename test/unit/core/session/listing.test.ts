// listSessions reads a small summary per session and scans only appended bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SessionWriter, listSessions, deleteSession, sessionFile, sessionsDir, readSessionRecords, itemsOf } from '../../../../src/core/session/store';
import { summaryFile, scan } from '../../../../src/core/session/listing';
import { tempDir } from '../agent/helpers';

function writer(storage: string, id: string) {
  return SessionWriter.create(storage, { id, createdAt: 1000, cwd: '/repo', instructions: 'inst' });
}
const item = (id: string, extra: Record<string, unknown> = {}) => ({ t: 'item' as const, item: { id, turnId: 't1', type: 'agent_message' as const, text: `text of ${id} with "quotes" and \\ slashes`, ...extra } });
const summaryOf = (storage: string, id: string) => JSON.parse(readFileSync(summaryFile(sessionsDir(storage), id), 'utf8'));

test('an old log without a summary lists, and the summary is written for next time', async () => {
  const storage = tempDir();
  const w = writer(storage, 's1');
  w.append({ t: 'turn_started', turnId: 't1', at: 1 });
  w.append({ t: 'item', item: { id: 'u1', turnId: 't1', type: 'user_message', text: '  Refactor   the\nparser  ' } });
  w.append({ t: 'history', entries: [{ type: 'message', role: 'user', content: 'x' }] });
  w.append(item('a1'));
  w.append(item('a1')); // a re-recorded item counts once
  assert.equal(existsSync(summaryFile(sessionsDir(storage), 's1')), false);
  const [s] = await listSessions(storage);
  assert.deepEqual({ title: s.title, items: s.items, createdAt: s.createdAt, cwd: s.cwd }, { title: 'Refactor the parser', items: 2, createdAt: 1000, cwd: '/repo' });
  assert.equal(s.items, itemsOf(await readSessionRecords(storage, 's1')).length);
  assert.equal(summaryOf(storage, 's1').bytes, readFileSync(sessionFile(storage, 's1')).length);
});

test('appended items are counted from the appended bytes only', async () => {
  const storage = tempDir();
  const w = writer(storage, 's1');
  w.append(item('a1'));
  await listSessions(storage);
  // prove the old part is not read again: the summary's count is taken as given
  const file = summaryFile(sessionsDir(storage), 's1');
  writeFileSync(file, JSON.stringify({ ...summaryOf(storage, 's1'), items: 40 }));
  w.append(item('a2'));
  w.append({ t: 'item', item: { id: 'u9', turnId: 't2', type: 'user_message', text: 'Later first message' } });
  const [s] = await listSessions(storage);
  assert.equal(s.items, 42);
  assert.equal(s.title, 'Later first message');
  // a deleted summary is rebuilt from the log, which stays the truth
  rmSync(file);
  assert.equal((await listSessions(storage))[0].items, 3);
});

test('a line still being written counts once it is complete; a shorter log is rescanned', async () => {
  const storage = tempDir();
  const w = writer(storage, 's1');
  w.append(item('a1'));
  const line = JSON.stringify(item('a2'));
  appendFileSync(sessionFile(storage, 's1'), line.slice(0, 20));
  assert.equal((await listSessions(storage))[0].items, 1);
  appendFileSync(sessionFile(storage, 's1'), line.slice(20) + '\n');
  assert.equal((await listSessions(storage))[0].items, 2);
  // replaced by a shorter log (not append-only any more): scanned whole again
  rmSync(sessionFile(storage, 's1'));
  writer(storage, 's1');
  const [s] = await listSessions(storage);
  assert.equal(s.items, 0);
  assert.equal(s.title, '(no message)');
});

test('item ids are found whatever the key order; nested values before the id fall back to parsing', () => {
  const lines = [
    { t: 'header', v: 1, id: 's', createdAt: 5, cwd: '/w' },
    { t: 'item', item: { type: 'agent_message', text: 'a "quoted" \\" tricky, text', n: 3, ok: true, id: 'late' } },
    { t: 'item', item: { attachments: [{ id: 'nested' }], type: 'user_message', text: 'hi', id: 'outer' } },
    { item: { id: 'reordered', type: 'reasoning', text: '' }, t: 'item' },
    { t: 'usage', contextTokens: 1, historyLength: 1 },
  ];
  const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"t":"item","item":{"id":"torn';
  const s = scan(Buffer.from(text), 0, undefined);
  assert.equal(s?.items, 3);
  assert.equal(s?.title, 'hi');
  assert.equal(s?.bytes, Buffer.byteLength(text) - '{"t":"item","item":{"id":"torn'.length);
  assert.equal(scan(Buffer.from('{"t":"item","item":{"id":"x"}}\n'), 0, undefined), undefined, 'no header: not a session');
});

test('delete removes the summary with the session', async () => {
  const storage = tempDir();
  writer(storage, 's1').append(item('a1'));
  await listSessions(storage);
  await deleteSession(storage, 's1');
  assert.equal(existsSync(summaryFile(sessionsDir(storage), 's1')), false);
  mkdirSync(path.join(sessionsDir(storage), 'junk'), { recursive: true });
  assert.deepEqual(await listSessions(storage), []);
});
