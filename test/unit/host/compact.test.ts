// /compact on the open session: SessionController.compact over a scripted agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionController } from '../../../src/host/session/sessionController';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import { silentLogger } from '../../../src/host/util/log';
import type { CompactionItem, Item } from '../../../src/core/types/items';
import { FakeAgent, FakeClock, RecordingNotifier, scripted } from './fakes';

const user: Item = { id: 'u1', turnId: 't1', type: 'user_message', text: 'hello' };

/** An agent whose compact() emits a compaction item like the core's, and can be held open or fail. */
class CompactingAgent extends FakeAgent {
  calls: { focus?: string; signal?: AbortSignal }[] = [];
  failWith: Error | undefined;
  gate: Promise<void> = Promise.resolve();

  override async compact(options: { signal?: AbortSignal; focus?: string } = {}): Promise<void> {
    this.calls.push(options);
    const started: CompactionItem = { id: 'c1', turnId: 'tc', type: 'compaction', summary: '', tokensBefore: 900, tokensAfter: 900 };
    this.emit({ type: 'item/started', item: started });
    await Promise.race([this.gate, new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted'))))]);
    if (this.failWith) {
      this.emit({ type: 'item/completed', item: started });
      throw this.failWith;
    }
    this.emit({ type: 'item/completed', item: { ...started, summary: 'The summary.', tokensAfter: 120 } });
  }
}

function setup(initial: Item[] = [user]) {
  const notifier = new RecordingNotifier();
  const agent = new CompactingAgent('s1', scripted([]), initial);
  const running: boolean[] = [];
  const controller = new SessionController({ agent, approvals: new ApprovalBridge(notifier), channel: notifier, clock: new FakeClock(), log: silentLogger, onRunningChanged: (r) => running.push(r) });
  return { notifier, agent, controller, running };
}

test('/compact compacts with the focus; the compaction item reaches the chat; a message sent meanwhile is queued and runs after', async () => {
  const s = setup();
  let open!: () => void;
  s.agent.gate = new Promise((r) => (open = r));
  const done = s.controller.compact('keep the API decisions');
  assert.equal(s.controller.running, true);
  await s.controller.send('next');
  assert.deepEqual(s.agent.queued().map((m) => m.text), ['next'], 'queued while the compaction runs');
  assert.equal(s.agent.inputs.length, 0);
  open();
  await done;
  await s.controller.whenIdle();
  assert.deepEqual(s.agent.inputs.map((i) => i.text), ['next'], 'the queued message ran after the compaction');
  assert.equal(s.controller.running, false);
  assert.deepEqual(s.running, [true, false, true, false]);
  assert.equal(s.agent.calls[0].focus, 'keep the API decisions');
  const items = s.notifier.of('item/completed').map((e) => e.item);
  assert.deepEqual(items.map((i) => [i.type, i.type === 'compaction' ? i.tokensAfter : 0]), [['compaction', 120]]);
  assert.equal(s.controller.state().items.at(-1)?.type, 'compaction', 'a snapshot shows it too');
});

test('a failed compaction leaves an error item that says why; the session goes on', async () => {
  const s = setup();
  s.agent.failWith = new Error('The model returned an empty summary, so the history was not compacted.');
  await s.controller.compact();
  assert.equal(s.agent.calls[0].focus, undefined);
  const last = s.notifier.of('item/completed').at(-1)!.item;
  assert.equal(last.type, 'error');
  assert.equal(last.type === 'error' && last.message, 'The conversation could not be compacted: The model returned an empty summary, so the history was not compacted.');
  assert.equal(s.controller.running, false);
});

test('Stop aborts a compaction without an error item', async () => {
  const s = setup();
  s.agent.gate = new Promise(() => undefined);
  const done = s.controller.compact();
  s.controller.stop();
  await done;
  assert.ok(s.agent.calls[0].signal?.aborted);
  assert.ok(!s.notifier.of('item/completed').some((e) => e.item.type === 'error'));
  assert.equal(s.controller.running, false);
});

test('nothing to compact, or a turn running: a clear error, nothing started', async () => {
  await assert.rejects(setup([]).controller.compact(), /Nothing to compact yet/);
  const s = setup();
  s.agent.setScript(async function* (_input, options) {
    yield { type: 'turn/started', turnId: 't2' };
    const signal = options.signal!;
    await new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve)));
    yield { type: 'turn/completed', turnId: 't2', usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 }, aborted: true };
  });
  s.controller.send('go');
  await assert.rejects(s.controller.compact(), /A turn is running/);
  assert.equal(s.agent.calls.length, 0);
  s.controller.stop();
  await s.controller.whenIdle();
});
