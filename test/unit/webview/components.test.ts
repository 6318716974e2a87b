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
import { SubagentCard } from '../../../webview/components/chat/items/SubagentCard';
import { AgentBadges, ConflictNote } from '../../../webview/components/changes/ChangeAttribution';
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
  assert.match(idle, /aria-label="Send" title="Send \(Enter\)"/);
  assert.doesNotMatch(idle, /aria-label="Stop"/);
  assert.match(idle, /aria-label="Model"/);
  assert.match(idle, /aria-label="Reasoning effort"/);
  assert.match(idle, /role="meter"[^>]*aria-label="Context window"/);
  // the footer shows and switches the approval policy and the sandbox
  assert.match(idle, /<select[^>]*aria-label="Approval policy"/);
  assert.match(idle, /role="switch" aria-checked="true" aria-label="Sandbox commands"/);
  // the model picker: full names grouped by provider, the name as tooltip
  assert.match(idle, /<optgroup label="[^"]+"><option value="[^"]+" title="[^"]+"/);
  const busy = render(h(Composer), (d) => d.store.dispatch({ type: 'state/snapshot', params: snapshot([], { running: true }) }));
  assert.match(busy, /aria-label="Stop"/);
  assert.doesNotMatch(busy, /aria-label="Send"/);
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
  for (const name of ['Allow once', 'Allow for this session', 'Deny']) assert.match(out, new RegExp(`<vscode-button[^>]*>${name}</vscode-button>`));
  assert.match(out, /Reason for denying \(optional\)/);
  assert.doesNotMatch(out, /Asked by/);
  // a subagent's request says who asks
  assert.match(render(h(ApprovalPrompt, { approval: { ...a, label: 'worker ab12cd34: build it' } })), /class="approval-from">Asked by worker ab12cd34: build it</);
});

test('command card: exit code, duration, sandbox badge; spinner only while running', () => {
  const base = { id: 'c', turnId: 't', type: 'command_execution' as const, command: 'npm test', cwd: '/w', output: 'ok\n' };
  const done = render(h(CommandCard, { item: { ...base, status: 'failed', exitCode: 2, durationMs: 1500, sandbox: 'sandboxed' } }));
  assert.match(done, /exit 2/);
  assert.match(done, /1\.5 s/);
  assert.match(done, /class="badge badge-muted badge-sandboxed"[^>]*><span class="codicon codicon-vm"/, 'the sandbox badge names how the command ran');
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
  assert.match(out, /aria-label="Show in Changes: src\/a.ts" title="Show in Changes"/);
  assert.doesNotMatch(out, /Show in Changes: src\/b.ts/, 'an applied (no longer staged) file has no link');
});

test('subagent card: named by type, id and state; Stop while it works; its answer, changes and conflicts once done', () => {
  const base = { id: 's', turnId: 't', type: 'subagent' as const, agentId: 'ab12cd34', agentType: 'worker' as const, task: 'change a2 in src/a.ts', usage: { inputTokens: 1000, outputTokens: 200, cachedInputTokens: 0, reasoningTokens: 0 }, startedAt: 0, sessionId: 's-ab12cd34' };
  const running = render(h(SubagentCard, { item: { ...base, state: 'running', status: 'in_progress', activity: 'reading src/a.ts' } }));
  assert.match(running, /role="group" aria-label="Subagent worker ab12cd34: running"/);
  assert.match(running, /aria-label="Stop subagent ab12cd34" title="Stop this subagent \(its staged work is kept\)"><span class="codicon codicon-debug-stop"/);
  assert.match(running, /<vscode-progress-ring[^>]*aria-label="working"/);
  assert.match(running, /class="subagent-activity" translate="no">reading src\/a.ts</);
  assert.match(running, /1\.2k tokens/);
  assert.match(running, /aria-expanded="false"><span class="codicon codicon-chevron-right twisty"[^>]*><\/span>Show its work/);
  const done = { ...base, state: 'completed' as const, status: 'completed' as const, endedAt: 4000, finalMessage: 'Changed a2.', changes: [{ path: 'src/a.ts', kind: 'modify' as const, added: 1, removed: 1 }], conflicts: [{ path: 'src/b.ts', detail: 'both agents changed line 3' }] };
  const finished = render(h(SubagentCard, { item: done }));
  assert.match(finished, /aria-label="Subagent worker ab12cd34: finished"/);
  assert.match(finished, /class="badge badge-ok">finished</);
  assert.doesNotMatch(finished, /Stop subagent/);
  assert.match(finished, /class="subagent-answer" translate="no">Changed a2\.</);
  assert.match(finished, /aria-label="Changes it made"/);
  assert.match(finished, /Conflict in src\/b.ts: both agents changed line 3/);
  assert.match(render(h(SubagentCard, { item: { ...done, state: 'failed', status: 'failed', error: 'HTTP 500' } })), /class="badge badge-error">failed</);
});

test('a staged change names the subagents that made it, and a conflict says what to do', () => {
  const change = { path: 'src/a.ts', kind: 'modify' as const, added: 1, removed: 1, stale: false, binary: false, hunks: [], agents: ['main', 'ab12cd34'], conflict: { kind: 'markers' as const, agents: ['ab12cd34'], detail: 'both changed line 3' } };
  const badges = render(h(AgentBadges, { change }));
  assert.match(badges, /class="badge badge-neutral change-agents" title="Made by the agent, subagent ab12cd34">/);
  assert.match(badges, /agent \+ <span translate="no">ab12cd34<\/span>/);
  assert.match(badges, /class="badge badge-error">conflict</);
  const note = render(h(ConflictNote, { change }));
  assert.match(note, /Conflict: both changed line 3\. Hunks holding both versions between conflict markers/);
  assert.equal(render(h(ConflictNote, { change: { ...change, conflict: undefined } })), '');
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
  for (const name of ['Test connection', 'Save']) assert.match(out, new RegExp(`<vscode-button[^>]*>${name}</vscode-button>`));
  for (const p of ['OpenAI', 'Ollama on this machine', 'Custom OpenAI-compatible server']) assert.match(out, new RegExp(p));
});

test('the app shows the setup screen when setup is needed, else the chat', () => {
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { config: { ...config, setupNeeded: { reason: 'x' } } }) });
  assert.match(renderToString(h(App, { deps })), /Set up Tandem/);
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { config, title: undefined }) });
  const chat = renderToString(h(App, { deps }));
  assert.doesNotMatch(chat, /Set up Tandem/);
  assert.match(chat, /aria-label="Message Tandem"/);
  // one header: New chat, History and Settings are the view's title-bar actions, not repeated here
  assert.match(chat, /<h1 class="header-title" title="New chat">New chat<\/h1>/);
  assert.doesNotMatch(chat, />History</);
  // an empty chat: the first screen with example prompts and the active setup
  assert.match(chat, /aria-label="Getting started"/);
  assert.equal(chat.match(/class="example"/g)?.length, 3);
  assert.match(chat, /<dt>Model<\/dt><dd translate="no">/);
});

test("a user message offers Undo this turn, except inside a subagent's items (its turns are undone with the session's)", () => {
  const item: Item = { id: 'u1', turnId: 'turn_1', type: 'user_message', text: 'Do it' };
  assert.match(render(h(UserMessage, { item })), /aria-label="Undo this turn" title="Undo this turn: put the staged changes back to how they were before it"/);
  assert.doesNotMatch(render(h(InSubagent.Provider, { value: true }, h(UserMessage, { item }))), /Undo this turn/);
});
