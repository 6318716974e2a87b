// The agent holds only its recent items; older ones are paged from the session log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import type { Item } from '../../../../src/core/types/items';
import type { Tool } from '../../../../src/core/tools/types';
import { createAgent } from '../../../../src/core/agent/createAgent';
import { ItemWindow } from '../../../../src/core/agent/itemWindow';
import { SessionWriter, itemsOf, readSessionRecords } from '../../../../src/core/session/store';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { denyAll } from '../../../../src/core/approvals/types';
import { ScriptedClient, callsReply, tempDir, textReply } from './helpers';

const shell = { sandboxed: false, run: async () => { throw new Error('no commands here'); } };
const echo: Tool = {
  name: 'echo',
  description: 'echo',
  mutates: false,
  parameters: Type.Object({ v: Type.String() }),
  async run(args: { v: string }) {
    return { success: true, output: args.v };
  },
};

async function agentWith(storage: string, replies: ReturnType<typeof textReply>[], extra: { sessionId?: string; count?: number; chars?: number } = {}) {
  const root = tempDir('tandem-ws-');
  return createAgent({
    model: { model: 'm', contextWindow: 1_000_000 },
    workspace: await createNodeWorkspace(root),
    storageDir: storage,
    globalInstructionsDir: tempDir('g-'),
    approvals: denyAll,
    shell,
    tools: [echo],
    modelClient: new ScriptedClient(replies),
    recentItems: { count: extra.count ?? 10, chars: extra.chars },
    sessionId: extra.sessionId,
  });
}

/** Pages back from items() to the start; returns everything, oldest first. */
async function pageAll(agent: { items(): readonly Item[]; itemsBefore(id: string, n: number): Promise<Item[]> }, size: number): Promise<Item[]> {
  let all = [...agent.items()];
  for (;;) {
    const page = await agent.itemsBefore(all[0].id, size);
    if (page.length === 0) return all;
    assert.ok(page.length <= size);
    all = [...page, ...all];
  }
}

test('a long turn keeps only the recent items; paging back returns every item once, in order', async () => {
  const storage = tempDir('tandem-store-');
  const replies = [...Array.from({ length: 30 }, (_, i) => callsReply([{ name: 'echo', args: { v: `out ${i} ${'x'.repeat(200)}` } }])), textReply('done')];
  const agent = await agentWith(storage, replies);
  const result = await agent.run('go');
  assert.equal(result.status, 'completed');
  const logged = itemsOf(await readSessionRecords(storage, agent.sessionId));
  assert.equal(logged.length, 32); // the user message, 30 tool calls, the answer
  assert.equal(agent.items().length, 10);
  assert.equal(agent.olderItemCount(), logged.length - 10);
  assert.deepEqual(agent.items(), logged.slice(-10));
  const all = await pageAll(agent, 7);
  assert.deepEqual(all.map((i) => i.id), logged.map((i) => i.id));
  assert.deepEqual(all, logged);
});

test('a resumed session holds the recent items only and pages the rest from the log; unknown ids reject', async () => {
  const storage = tempDir('tandem-store-');
  const replies = [...Array.from({ length: 12 }, (_, i) => callsReply([{ name: 'echo', args: { v: String(i) } }])), textReply('done')];
  const first = await agentWith(storage, replies, { count: 1000 });
  await first.run('go');
  const logged = itemsOf(await readSessionRecords(storage, first.sessionId));
  const resumed = await agentWith(storage, [], { sessionId: first.sessionId, count: 4 });
  assert.deepEqual(resumed.items(), logged.slice(-4));
  assert.equal(resumed.olderItemCount(), logged.length - 4);
  // the oldest held item, then a page's first item: both ways of finding the point
  const page = await resumed.itemsBefore(resumed.items()[0].id, 5);
  assert.deepEqual(page, logged.slice(-9, -4));
  // a fresh agent has no cursor for that id: it finds the record by scanning the log
  const other = await agentWith(storage, [], { sessionId: first.sessionId, count: 4 });
  assert.deepEqual(await other.itemsBefore(page[0].id, 100), logged.slice(0, -9));
  assert.deepEqual(await other.itemsBefore(logged[0].id, 10), []);
  await assert.rejects(other.itemsBefore('item_nope', 10), /No item "item_nope" in this session/);
});

test('the size limit evicts big completed items; a fresh session pages nothing', async () => {
  const storage = tempDir('tandem-store-');
  const big = 'y'.repeat(30_000);
  const agent = await agentWith(storage, [callsReply([{ name: 'echo', args: { v: big } }]), callsReply([{ name: 'echo', args: { v: 'small' } }]), textReply('done')], { count: 100, chars: 20_000 });
  assert.deepEqual(agent.items(), []);
  assert.equal(agent.olderItemCount(), 0);
  await agent.run('go');
  const held = agent.items();
  assert.ok(!JSON.stringify(held).includes(big), 'the 30 KB output is not held');
  assert.equal(held.at(-1)?.type, 'agent_message');
  const older = await agent.itemsBefore(held[0].id, 10);
  assert.ok(older.some((i) => i.type === 'tool_call' && i.output?.includes(big)));
});

test('window: an item in progress is never evicted; pages skip what the window holds even when the log order differs', async () => {
  const dir = tempDir('tandem-log-');
  const writer = SessionWriter.create(dir, { id: 's1', createdAt: 0, cwd: '/w' });
  const file = path.join(dir, 'sessions', 's1.jsonl');
  const w = new ItemWindow(() => file, { count: 2 });
  const msg = (id: string, text = id): Item => ({ id, turnId: 't', type: 'agent_message', text });
  const done = (item: Item) => {
    w.completed(item);
    writer.append({ t: 'item', item });
  };
  w.started({ id: 'u', turnId: 't', type: 'user_message', text: '  Fix   the build  ' });
  done({ id: 'u', turnId: 't', type: 'user_message', text: '  Fix   the build  ' });
  w.started(msg('a', ''));
  w.updated(msg('a', 'stream'));
  done(msg('b'));
  done(msg('c'));
  done(msg('d'));
  // u went; a is open: nothing after it can go, so the window grows
  assert.deepEqual(w.all().map((i) => i.id), ['a', 'b', 'c', 'd']);
  const open = w.all()[0];
  assert.equal(open.type === 'agent_message' && open.text, 'stream');
  done(msg('a', 'late'));
  // a completed last (log order u, b, c, d, a): evicting resumes from the front
  assert.deepEqual(w.all().map((i) => i.id), ['c', 'd']);
  assert.equal(w.olderItemCount(), 3);
  assert.equal(w.title(), 'Fix the build', 'the title outlives its item');
  const page = await w.itemsBefore('c', 10);
  assert.deepEqual(page.map((i) => i.id), ['u', 'b', 'a']);
  assert.equal(page[2].type === 'agent_message' && page[2].text, 'late');
});

test('foldTurn({ items: false }) keeps the outcome of a turn without holding its items', async () => {
  const { foldTurn } = await import('../../../../src/core/agent/fold');
  const agent = await agentWith(tempDir('tandem-store-'), [callsReply([{ name: 'echo', args: { v: 'a' } }]), textReply('the answer')]);
  const lean = await foldTurn(agent.runStreamed('go'), { items: false });
  assert.deepEqual([lean.status, lean.finalResponse, lean.items.length], ['completed', 'the answer', 0]);
  assert.ok(lean.usage.inputTokens > 0);
});

test('a turn that left the window is still named by its first message (undo, revert)', () => {
  const w = new ItemWindow(() => undefined, { count: 3 });
  w.completed({ id: 'u1', turnId: 't1', type: 'user_message', text: `Rename add to sum ${'x'.repeat(300)}` });
  for (let i = 0; i < 5; i++) w.completed({ id: `a${i}`, turnId: 't2', type: 'agent_message', text: `answer ${i}` });
  assert.equal(w.all().some((i) => i.id === 'u1'), false);
  const opener = w.withOpenerOf('t1')[0];
  assert.ok(opener.type === 'user_message' && opener.text.startsWith('Rename add to sum') && opener.text.length === 100);
  assert.equal(w.withOpenerOf('t2'), w.all());
});
