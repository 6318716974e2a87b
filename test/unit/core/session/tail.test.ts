// readLastItems / readSessionPreview: the newest items from the end of the log, read
// backwards in chunks, agree with parsing the whole log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SessionWriter, itemsOf, readSessionRecords, sessionFile } from '../../../../src/core/session/store';
import { readLastItems, readSessionPreview } from '../../../../src/core/session/tail';
import { tempDir } from '../agent/helpers';

function writer(storage: string, id: string) {
  return SessionWriter.create(storage, { id, createdAt: 1000, cwd: '/repo', instructions: 'inst' });
}
const agentItem = (id: string, text = `answer ${id} with "quotes", \\ slashes and a newline\n`) => ({ id, turnId: 't1', type: 'agent_message' as const, text });

/** A log of `n` items with history records (skipped unparsed) between them. */
function writeLog(storage: string, id: string, n: number) {
  const w = writer(storage, id);
  w.append({ t: 'turn_started', turnId: 't1', at: 1 });
  w.append({ t: 'item', item: { id: 'u0', turnId: 't1', type: 'user_message', text: 'First   question' } });
  for (let i = 1; i < n; i++) {
    w.append({ t: 'item', item: agentItem(`a${i}`, `answer ${i} `.repeat(i % 7 === 0 ? 300 : 3)) });
    w.append({ t: 'history', entries: [{ type: 'message', role: 'assistant', content: `h${i}` }] });
  }
  return w;
}

test('the newest N items match the last N of the whole log, for chunks smaller than a line', async () => {
  const storage = tempDir();
  writeLog(storage, 's1', 120);
  const all = itemsOf(await readSessionRecords(storage, 's1'));
  for (const chunk of [7, 100, 4096, 1 << 20]) {
    assert.deepEqual(await readLastItems(sessionFile(storage, 's1'), 50, chunk), all.slice(-50), `chunk ${chunk}`);
  }
});

test('a file shorter than N gives every item', async () => {
  const storage = tempDir();
  writeLog(storage, 's1', 4);
  const all = itemsOf(await readSessionRecords(storage, 's1'));
  assert.equal(all.length, 4);
  assert.deepEqual(await readLastItems(sessionFile(storage, 's1'), 200, 16), all);
  const preview = await readSessionPreview(storage, 's1', 200);
  assert.deepEqual(preview, { items: all, olderItems: 0, title: 'First question' });
});

test('a torn last line is skipped; the items before it are returned', async () => {
  const storage = tempDir();
  writeLog(storage, 's1', 10);
  const file = sessionFile(storage, 's1');
  appendFileSync(file, JSON.stringify({ t: 'item', item: agentItem('torn') }).slice(0, 40)); // the process died mid-append
  const all = itemsOf(await readSessionRecords(storage, 's1'));
  assert.equal(all.at(-1)?.id, 'a9');
  const last = await readLastItems(file, 3, 32);
  assert.deepEqual(last.map((i) => i.id), ['a7', 'a8', 'a9']);
  assert.deepEqual(last, all.slice(-3));
});

test('a re-recorded item keeps its place and its newest state', async () => {
  const storage = tempDir();
  const w = writer(storage, 's1');
  w.append({ t: 'item', item: agentItem('a1', 'old') });
  w.append({ t: 'item', item: agentItem('a2') });
  w.append({ t: 'item', item: agentItem('a1', 'new') });
  const last = await readLastItems(sessionFile(storage, 's1'), 5, 10);
  assert.deepEqual(last, itemsOf(await readSessionRecords(storage, 's1')));
  assert.deepEqual(last.map((i) => (i.type === 'agent_message' ? i.text : '')), ['new', agentItem('a2').text]);
});

test('the preview counts older items from the summary and refuses unknown or headerless logs', async () => {
  const storage = tempDir();
  writeLog(storage, 's1', 30);
  const preview = await readSessionPreview(storage, 's1', 10);
  assert.equal(preview.items.length, 10);
  assert.equal(preview.olderItems, 20);
  assert.equal(preview.title, 'First question');
  assert.equal(preview.items[0].id, 'a20');
  await assert.rejects(readSessionPreview(storage, 'nope', 10), /No session with id "nope"/);
  mkdirSync(path.dirname(sessionFile(storage, 'bad')), { recursive: true });
  writeFileSync(sessionFile(storage, 'bad'), `${JSON.stringify({ t: 'item', item: agentItem('x') })}\n`);
  await assert.rejects(readSessionPreview(storage, 'bad', 10), /no header line/);
  assert.deepEqual(await readLastItems(sessionFile(storage, 's1'), 0), []);
});
