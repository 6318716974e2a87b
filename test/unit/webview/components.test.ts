// Server-rendered markup of the main components: the accessible names the end-to-end
// tests rely on (docs/ACCESSIBILITY.md) and what each state shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { Item, PendingApproval } from '../../../src/protocol';
import { AppContext } from '../../../webview/context';
import { Composer } from '../../../webview/components/composer/Composer';
import { ApprovalPrompt } from '../../../webview/components/approvals/ApprovalPrompt';
import { CommandCard, outputTail, OUTPUT_TAIL_CHARS } from '../../../webview/components/chat/items/CommandCard';
import { ErrorItem, PlanView } from '../../../webview/components/chat/items/Notes';
import { FileChangeCard } from '../../../webview/components/chat/items/Cards';
import { UserMessage } from '../../../webview/components/chat/items/Messages';
import { InSubagent } from '../../../webview/components/chat/items/subagentScope';
import { SetupScreen } from '../../../webview/components/setup/SetupScreen';
import { App } from '../../../webview/components/App';
import { config, fakeDeps, snapshot } from './fixtures';

function render(el: ReactElement, setup?: (d: ReturnType<typeof fakeDeps>['deps']) => void) {
  const { deps } = fakeDeps();
  setup?.(deps);
  // drop React's text separators so assertions can read the text as shown
  return renderToString(h(AppContext.Provider, { value: deps }, el)).replace(/<!-- -->/g, '');
}

test('composer: textbox "Message Tandem" and Send when idle, Stop while a turn runs', () => {
  const idle = render(h(Composer), (d) => d.store.dispatch({ type: 'state/snapshot', params: snapshot([]) }));
  assert.match(idle, /<textarea[^>]*aria-label="Message Tandem"/);
  assert.match(idle, />Send<\/button>/);
  assert.doesNotMatch(idle, />Stop</);
  assert.match(idle, /aria-label="Model"/);
  assert.match(idle, /aria-label="Reasoning effort"/);
  assert.match(idle, /role="meter"[^>]*aria-label="Context window"/);
  const busy = render(h(Composer), (d) => d.store.dispatch({ type: 'state/snapshot', params: snapshot([], { running: true }) }));
  assert.match(busy, />Stop<\/button>/);
  assert.doesNotMatch(busy, />Send</);
});

test('composer restores the persisted draft and chips', () => {
  const out = render(h(Composer), (d) => {
    d.ui.update({ draft: 'half-written', attachments: [{ type: 'file', path: 'src/a.ts' }] });
    d.store.dispatch({ type: 'state/snapshot', params: snapshot([]) });
  });
  assert.match(out, />half-written<\/textarea>/);
  assert.match(out, /aria-label="Remove src\/a.ts"/);
});

test('approval prompt shows the exact command, why, and the three answers', () => {
  const a: PendingApproval = { requestId: 'r', type: 'command', command: 'rm -rf build && make', cwd: '/w', why: 'Clean build', escalation: 'unsandboxed' };
  const out = render(h(ApprovalPrompt, { approval: a }));
  assert.match(out, /rm -rf build &amp;&amp; make/);
  assert.match(out, /Clean build/);
  assert.match(out, /outside the sandbox/);
  for (const name of ['Allow once', 'Allow for this session', 'Deny']) assert.match(out, new RegExp(`>${name}</button>`));
  assert.match(out, /Reason for denying \(optional\)/);
});

test('command card: exit code, duration, sandbox badge; spinner only while running', () => {
  const base = { id: 'c', turnId: 't', type: 'command_execution' as const, command: 'npm test', cwd: '/w', output: 'ok\n' };
  const done = render(h(CommandCard, { item: { ...base, status: 'failed', exitCode: 2, durationMs: 1500, sandbox: 'sandboxed' } }));
  assert.match(done, /exit 2/);
  assert.match(done, /1\.5 s/);
  assert.match(done, /sandboxed/);
  assert.doesNotMatch(done, /aria-label="running"/);
  const running = render(h(CommandCard, { item: { ...base, status: 'in_progress' } }));
  assert.match(running, /aria-label="running"/);
  assert.match(running, /aria-label="Output of npm test"/);
  const long = 'x'.repeat(OUTPUT_TAIL_CHARS * 2);
  assert.equal(outputTail(long).text.length, OUTPUT_TAIL_CHARS);
  assert.equal(outputTail(long).omitted, OUTPUT_TAIL_CHARS);
});

test('file change card links each file to its diff, and to the Changes area while it is staged', () => {
  const item: Item = {
    id: 'f',
    turnId: 't',
    type: 'file_change',
    status: 'completed',
    changes: [
      { path: 'src/a.ts', kind: 'modify', added: 3, removed: 1 },
      { path: 'src/b.ts', kind: 'add', added: 2, removed: 0 },
    ],
  };
  const staged = { path: 'src/a.ts', kind: 'modify' as const, added: 3, removed: 1, stale: false, binary: false, hunks: [] };
  const out = render(h(FileChangeCard, { item: item as Extract<Item, { type: 'file_change' }> }), (d) =>
    d.store.dispatch({ type: 'state/snapshot', params: snapshot([], { changes: [staged] }) }),
  );
  assert.match(out, /aria-label="Open diff of src\/a.ts"/);
  assert.match(out, /aria-label="Open diff of src\/b.ts"/);
  assert.match(out, /3 lines added, 1 removed/);
  assert.match(out, /aria-label="Show in Changes: src\/a.ts"[^>]*>Show in Changes</);
  assert.doesNotMatch(out, /Show in Changes: src\/b.ts/, 'an applied (no longer staged) file has no link');
});

test('errors offer Retry only when they are the latest item of an idle session', () => {
  const item = { id: 'e', turnId: 't', type: 'error' as const, message: 'HTTP 500' };
  assert.match(render(h(ErrorItem, { item, canRetry: true })), />Retry</);
  assert.doesNotMatch(render(h(ErrorItem, { item, canRetry: false })), />Retry</);
  assert.doesNotMatch(render(h(ErrorItem, { item: { ...item, retryable: false }, canRetry: true })), />Retry</);
});

test('plan renders as a checklist with each step state named', () => {
  const out = render(h(PlanView, { item: { id: 'p', turnId: 't', type: 'plan', steps: [{ step: 'Read', status: 'completed' }, { step: 'Fix', status: 'in_progress' }] } }));
  assert.match(out, /aria-label="done"/);
  assert.match(out, /aria-label="in progress"/);
  assert.match(out, /1 of 2 done/);
});

test('setup screen names its controls', () => {
  const out = render(h(SetupScreen, { config: { ...config, setupNeeded: { reason: 'No API key' } } }));
  assert.match(out, /No API key/);
  assert.match(out, /<label[^>]*>API key<\/label>/);
  assert.match(out, /type="password"/);
  for (const name of ['Test connection', 'Save']) assert.match(out, new RegExp(`>${name}</button>`));
  for (const p of ['OpenAI', 'Ollama on this machine', 'Custom OpenAI-compatible server']) assert.match(out, new RegExp(p));
});

test('the app shows the setup screen when setup is needed, else the chat', () => {
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { config: { ...config, setupNeeded: { reason: 'x' } } }) });
  assert.match(renderToString(h(App, { deps })), /Set up Tandem/);
  deps.store.dispatch({ type: 'config/updated', params: config });
  const chat = renderToString(h(App, { deps }));
  assert.doesNotMatch(chat, /Set up Tandem/);
  assert.match(chat, /aria-label="Message Tandem"/);
  assert.match(chat, />New chat</);
  assert.match(chat, />History</);
});

test("a user message offers Undo this turn, except inside a subagent's items (its turns are undone with the session's)", () => {
  const item: Item = { id: 'u1', turnId: 'turn_1', type: 'user_message', text: 'Do it' };
  assert.match(render(h(UserMessage, { item })), />Undo this turn</);
  assert.doesNotMatch(render(h(InSubagent.Provider, { value: true }, h(UserMessage, { item }))), /Undo this turn/);
});
