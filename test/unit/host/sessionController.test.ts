import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionController } from '../../../src/host/session/sessionController';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import { silentLogger } from '../../../src/host/util/log';
import type { SessionEvent } from '../../../src/core/types/events';
import type { Item } from '../../../src/core/types/items';
import type { RunOptions } from '../../../src/core/agent/types';
import { FakeAgent, FakeClock, RecordingNotifier, scripted, settle, type Script } from './fakes';

const usage = { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 };
const msg = (text = ''): Item => ({ id: 'm1', turnId: 't1', type: 'agent_message', text });
const user: Item = { id: 'u1', turnId: 't1', type: 'user_message', text: 'hello\nmore' };

function setup(script: Script, initial: Item[] = []) {
  const clock = new FakeClock();
  const notifier = new RecordingNotifier();
  const agent = new FakeAgent('s1', script, initial);
  const approvals = new ApprovalBridge(notifier);
  let ended = 0;
  const controller = new SessionController({ agent, approvals, channel: notifier, clock, log: silentLogger, onTurnEnded: () => ended++ });
  return { clock, notifier, agent, controller, approvals, turnsEnded: () => ended };
}

const happy: SessionEvent[] = [
  { type: 'session/started', sessionId: 's1' },
  { type: 'turn/started', turnId: 't1' },
  { type: 'item/started', item: user },
  // the core names the session with its first user message
  { type: 'session/updated', sessionId: 's1', title: 'hello more' },
  { type: 'item/completed', item: user },
  { type: 'item/started', item: msg() },
  { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'Hel' } },
  { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'lo' } },
  { type: 'item/completed', item: msg('Hello') },
  { type: 'usage/updated', usage, contextTokens: 10, contextWindow: 1000 },
  { type: 'turn/completed', turnId: 't1', usage },
];

test('a turn is forwarded in order, under the core\'s event names', async () => {
  const { notifier, controller, turnsEnded } = setup(scripted(happy));
  controller.send('hello');
  assert.equal(controller.running, true);
  await controller.whenIdle();
  assert.deepEqual(notifier.methods(), [
    'changes/updated',
    'turn/started',
    'item/started',
    'session/updated',
    'item/completed',
    'item/started',
    'item/updated',
    'item/updated',
    'item/completed',
    'usage/updated',
    'turn/completed',
  ]);
  assert.deepEqual(notifier.of('item/completed')[1], { item: msg('Hello') });
  assert.deepEqual(notifier.of('session/updated'), [{ sessionId: 's1', title: 'hello more' }]);
  assert.deepEqual(notifier.of('turn/completed'), [{ turnId: 't1', usage }]);
  assert.equal(controller.running, false);
  assert.equal(turnsEnded(), 1);
  const state = controller.state();
  assert.equal(state.title, 'hello more');
  assert.deepEqual(state.usage, { contextTokens: 10, contextWindow: 1000 });
  assert.deepEqual(
    state.items.map((i) => i.id),
    ['u1', 'm1'],
  );
});

test('the snapshot state includes text still streaming', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { controller } = setup(async function* () {
    yield { type: 'turn/started', turnId: 't1' };
    yield { type: 'item/started', item: msg() };
    yield { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'partial' } };
    await gate;
    yield { type: 'turn/completed', turnId: 't1', usage };
  });
  controller.send('x');
  await settle();
  const state = controller.state();
  assert.equal(state.running, true);
  assert.equal((state.items[0] as { text: string }).text, 'partial');
  release();
  await controller.whenIdle();
});

test('a second send while running is queued (never refused) and becomes the next turn', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { controller, agent, notifier } = setup(async function* () {
    yield { type: 'turn/started', turnId: 't1' };
    await gate;
    yield { type: 'turn/completed', turnId: 't1', usage };
  });
  void controller.send('one');
  await controller.send('two');
  assert.deepEqual(agent.queued().map((m) => m.text), ['two']);
  assert.deepEqual(controller.state().queued?.map((m) => m.text), ['two']);
  assert.ok(notifier.of('queue/updated').length > 0, 'the webview hears of the queue');
  release();
  await controller.whenIdle();
  await controller.whenIdle(); // the queued turn, started as the first one ended
  assert.deepEqual(agent.inputs.map((i) => i.text), ['one', 'two']);
  assert.deepEqual(agent.queued(), []);
});

test('a stop keeps the queue; queue/run sends it', async () => {
  const { controller, agent } = setup(async function* (_input: string, options: RunOptions) {
    yield { type: 'turn/started', turnId: 't1' };
    if (!options.signal?.aborted) await new Promise<void>((r) => options.signal?.addEventListener('abort', () => r()));
    yield { type: 'turn/completed', turnId: 't1', usage, aborted: true };
  });
  void controller.send('long');
  await controller.queue('later', undefined, 'queue');
  controller.stop();
  await controller.whenIdle();
  assert.equal(controller.running, false);
  assert.deepEqual(agent.queued().map((m) => m.text), ['later']);
  agent.setScript(scripted(happy));
  controller.runQueued();
  await controller.whenIdle();
  assert.deepEqual(agent.inputs.map((i) => i.text), ['long', 'later']);
});

test('a core that throws ends the turn as failed with an error item; retry asks again without a second user message', async () => {
  const { controller, notifier, agent } = setup(async function* () {
    yield { type: 'turn/started', turnId: 't1' };
    throw new Error('socket hang up');
  });
  assert.throws(() => controller.retry(), /no failed turn/);
  controller.send('do it', [{ type: 'diagnostics', text: 'x' }]);
  await controller.whenIdle();
  const errors = notifier.of('item/completed').filter((p) => p.item.type === 'error');
  assert.equal(errors.length, 1);
  assert.match((errors[0].item as { message: string }).message, /socket hang up/);
  assert.deepEqual(notifier.of('turn/failed'), [{ turnId: 't1', error: { message: (errors[0].item as { message: string }).message, retryable: true } }]);
  assert.equal(controller.canRetry, true);

  let retries = 0;
  agent.retryScript = () => {
    retries++;
    return scripted(happy)('', {});
  };
  controller.retry();
  await controller.whenIdle();
  assert.deepEqual(agent.inputs.map((i) => [i.text, i.options.attachments]), [['do it', [{ type: 'diagnostics', text: 'x' }]]]);
  assert.equal(retries, 1);
  assert.equal(controller.canRetry, false);
});

test('turn/failed with the core\'s own error item adds no second one', async () => {
  const error: Item = { id: 'e1', turnId: 't1', type: 'error', message: 'HTTP 500', retryable: true };
  const { controller, notifier } = setup(
    scripted([
      { type: 'turn/started', turnId: 't1' },
      { type: 'item/started', item: error },
      { type: 'item/completed', item: error },
      { type: 'turn/failed', turnId: 't1', error: { message: 'HTTP 500', retryable: true } },
    ]),
  );
  controller.send('x');
  await controller.whenIdle();
  assert.equal(notifier.of('item/completed').length, 1);
  assert.deepEqual(notifier.of('turn/failed'), [{ turnId: 't1', error: { message: 'HTTP 500', retryable: true } }]);
  assert.equal(controller.canRetry, true);
});

test('stop aborts the run signal; a pending approval of that turn is denied', async () => {
  let decision: unknown;
  const { controller, notifier, approvals } = setup(async function* (_input, options) {
    yield { type: 'turn/started', turnId: 't1' };
    decision = await approvals.request({ type: 'command', command: 'rm -rf build', cwd: '/ws', why: 'not on the safe list' }, options.signal!);
    yield { type: 'turn/completed', turnId: 't1', usage, aborted: true };
  });
  controller.send('x');
  await settle();
  const [asked] = notifier.of('approval/requested');
  assert.equal(asked.type, 'command');
  assert.deepEqual(controller.state().approvals, [asked]);
  controller.stop();
  await controller.whenIdle();
  assert.deepEqual(decision, { decision: 'deny', reason: 'the turn was stopped' });
  assert.deepEqual(notifier.of('approval/resolved'), [{ requestId: asked.requestId }]);
  assert.deepEqual(notifier.of('turn/completed'), [{ turnId: 't1', usage, aborted: true }]);
  assert.equal(controller.respondApproval(asked.requestId, 'allow_once'), false);
});

test('an approval answered from the webview resolves only that request', async () => {
  const decisions: unknown[] = [];
  const { controller, notifier, approvals } = setup(async function* (_input, options) {
    yield { type: 'turn/started', turnId: 't1' };
    decisions.push(await approvals.request({ type: 'write', path: '.vscode/settings.json', why: 'protected' }, options.signal!));
    decisions.push(await approvals.request({ type: 'command', command: 'curl x', cwd: '/ws', why: 'network', escalation: 'network' }, options.signal!));
    yield { type: 'turn/completed', turnId: 't1', usage };
  });
  controller.send('x');
  await settle();
  const first = notifier.of('approval/requested')[0];
  assert.equal(controller.respondApproval(first.requestId, 'deny', 'keep it'), true);
  await settle();
  const second = notifier.of('approval/requested')[1];
  assert.equal(controller.respondApproval(second.requestId, 'allow_session'), true);
  await controller.whenIdle();
  assert.deepEqual(decisions, [{ decision: 'deny', reason: 'keep it' }, { decision: 'allow_session' }]);
});

test('staged changes are summarised for the webview and refreshed (debounced) on change', async () => {
  const { controller, notifier, agent, clock } = setup(scripted([]));
  await settle();
  agent.staging.setChanges([
    {
      path: 'a.ts',
      kind: 'modify',
      binary: false,
      added: 1,
      removed: 1,
      stale: false,
      hunks: [{ id: 'h0', oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, lines: ['-a', '+b'] }],
    },
  ]);
  agent.staging.fire();
  agent.staging.fire();
  agent.staging.fire();
  clock.advance(1000);
  await settle();
  const updates = notifier.of('changes/updated');
  assert.equal(updates.length, 2, 'initial + one debounced refresh');
  assert.deepEqual(updates[1].changes[0].hunks, [{ id: 'h0', header: '@@ -1,1 +1,1 @@', lines: ['-a', '+b'] }]);
  assert.equal(controller.state().changes.length, 1);
});

test('dispose aborts, denies and disposes the agent', async () => {
  const { controller, agent } = setup(scripted(happy));
  await controller.dispose();
  assert.equal(agent.disposed, true);
  await assert.rejects(controller.send('x'), /closed/);
});

test('retry uses the agent\'s retryStreamed when it has one (no second user message)', async () => {
  const { controller, agent, notifier } = setup(scripted([
    { type: 'turn/started', turnId: 't1' },
    { type: 'turn/failed', turnId: 't1', error: { message: 'HTTP 500', retryable: true } },
  ]));
  const retried: unknown[] = [];
  agent.retryScript = (_input: string, options?: RunOptions) => {
    retried.push(options);
    return scripted([
      { type: 'turn/started', turnId: 't2' },
      { type: 'turn/completed', turnId: 't2', usage },
    ])('', {});
  };
  controller.send('flaky');
  await controller.whenIdle();
  controller.retry();
  await controller.whenIdle();
  assert.equal(agent.inputs.length, 1, 'runStreamed ran once');
  assert.equal(retried.length, 1);
  assert.ok((retried[0] as { signal: AbortSignal }).signal instanceof AbortSignal);
  assert.deepEqual(
    notifier.sent.filter((s) => s.method === 'turn/failed' || s.method === 'turn/completed').map((s) => s.method),
    ['turn/failed', 'turn/completed'],
  );
  assert.equal(controller.canRetry, false);
});
