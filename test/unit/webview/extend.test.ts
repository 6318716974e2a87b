// The webview's MCP approval prompts, MCP tool cards and the `/` `$` suggestions, as
// server-rendered markup (the accessible names the end-to-end tests rely on) and pure rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { Item, PendingApproval } from '../../../src/protocol';
import { AppContext } from '../../../webview/context';
import { ApprovalPrompt } from '../../../webview/components/approvals/ApprovalPrompt';
import { approvalAnswers, prettyArguments, toolHints } from '../../../webview/components/approvals/McpApproval';
import { ToolCallCard } from '../../../webview/components/chat/items/Cards';
import { CompletionList } from '../../../webview/components/composer/CompletionList';
import { fakeDeps } from './fixtures';

function render(el: ReactElement) {
  const { deps } = fakeDeps();
  return renderToString(h(AppContext.Provider, { value: deps }, el)).replace(/<!-- -->/g, '');
}

const toolCall: PendingApproval = {
  requestId: 'r1',
  type: 'mcp_tool',
  server: 'github',
  tool: 'delete_repo',
  name: 'mcp__github__delete_repo',
  title: 'Delete a repository',
  arguments: '{"repo":"me/app","confirm":true}',
  destructiveHint: true,
  openWorldHint: true,
  why: "MCP tools run as the server's own program, outside the sandbox.",
};

test('an MCP tool prompt: server, tool, the exact arguments, the hints, and four answers', () => {
  const out = render(h(ApprovalPrompt, { approval: toolCall }));
  assert.match(out, /Allow this MCP tool call\?/);
  assert.match(out, /aria-label="Server"[^>]*>github</);
  assert.match(out, /aria-label="Tool"[^>]*>delete_repo</);
  assert.match(out, /Delete a repository/);
  assert.match(out, /aria-label="Arguments"[^>]*>\{\n {2}&quot;repo&quot;: &quot;me\/app&quot;,\n {2}&quot;confirm&quot;: true\n\}</);
  assert.match(out, /The server says: <span class="warning-text">destructive<\/span>/);
  assert.match(out, /<vscode-button class="button" icon="check">Allow once<\/vscode-button>/, 'the first answer is the primary one');
  assert.match(out, /reaches outside \(open world\)/);
  assert.match(out, /its claim, not a guarantee/);
  for (const name of ['Allow once', 'Allow this tool for the session', 'Always allow this tool', 'Deny']) assert.match(out, new RegExp(`>${name}</vscode-button>`));
  assert.doesNotMatch(out, />Allow for this session</);
});

test('a subagent\'s MCP tool prompt names the subagent that asks', () => {
  const out = render(h(ApprovalPrompt, { approval: { ...toolCall, label: 'worker 3f2a91bc: clean up the repos' } }));
  assert.match(out, /Asked by worker 3f2a91bc: clean up the repos/);
  assert.match(out, /Allow this MCP tool call\?/);
  assert.doesNotMatch(render(h(ApprovalPrompt, { approval: toolCall })), /Asked by/);
});

test('a tool the server says nothing about says so', () => {
  const out = render(h(ApprovalPrompt, { approval: { ...toolCall, destructiveHint: undefined, openWorldHint: undefined, title: undefined } }));
  assert.match(out, /The server makes no claim about what this tool does/);
});

test('starting a workspace server shows the exact command, where it is declared, and its env names; Start or Deny', () => {
  const a: PendingApproval = { requestId: 'r2', type: 'mcp_server', server: 'db', origin: '/repo/.tandem/mcp.json', command: "node db.js --token 'x y'", cwd: '.', envKeys: ['DB_URL'], why: 'This repository declares an MCP server.' };
  const out = render(h(ApprovalPrompt, { approval: a }));
  assert.match(out, /Start this MCP server\?/);
  assert.match(out, /aria-label="Command"[^>]*>node db.js --token &#x27;x y&#x27;</);
  assert.match(out, /declared in \/repo\/.tandem\/mcp.json/);
  assert.match(out, /Sets the environment variables .*DB_URL/);
  assert.deepEqual(approvalAnswers(a).map((x) => x.label), ['Start this server']);
  assert.match(out, />Deny<\/vscode-button>/);
  assert.match(out, /<vscode-button class="button" icon="play">Start this server<\/vscode-button>/);
  const http = render(h(ApprovalPrompt, { approval: { requestId: 'r3', type: 'mcp_server', server: 'docs', origin: 'o', url: 'https://mcp.example.com/mcp', headerKeys: ['Authorization'], why: 'w' } }));
  assert.match(http, /aria-label="URL"[^>]*>https:\/\/mcp.example.com\/mcp</);
  assert.match(http, /Sends the headers .*Authorization/);
});

test('other prompts keep their answers; hints and arguments follow the rules', () => {
  assert.deepEqual(approvalAnswers({ requestId: 'c', type: 'command', command: 'ls', cwd: '/', why: '' }).map((a) => a.decision), ['allow_once', 'allow_session']);
  assert.deepEqual(toolHints({ ...toolCall, readOnlyHint: true }).map((x) => x.text), ['read-only', 'reaches outside (open world)'], 'read-only wins over destructive');
  assert.equal(prettyArguments('not json'), 'not json');
});

test('an MCP tool card names the tool and its server, and keeps the arguments and the result', () => {
  const item: Item = { id: 'i', turnId: 't', type: 'tool_call', name: 'mcp__everything__echo', arguments: '{"message":"hi"}', output: 'Echo: hi', status: 'completed', mcp: { server: 'everything', tool: 'echo' } };
  const out = render(h(ToolCallCard, { item }));
  assert.match(out, /aria-label="MCP tool echo of everything"/);
  assert.match(out, /class="card-title" translate="no">echo</);
  assert.match(out, /class="badge badge-neutral" title="MCP server everything"><span class="codicon codicon-server" aria-hidden="true"><\/span><span translate="no">everything</);
  assert.match(out, /aria-label="Result of mcp__everything__echo"[^>]*>Echo: hi</);
  const plain = render(h(ToolCallCard, { item: { ...item, mcp: undefined, name: 'read_file' } }));
  assert.match(plain, /class="card-title" translate="no">read_file</);
  assert.doesNotMatch(plain, /MCP tool/);
});

test('the suggestions: commands with their argument hint, custom prompts tagged; skills as $name', () => {
  const noop = () => undefined;
  const commands = render(
    h(CompletionList, {
      id: 'l',
      kind: 'command',
      active: 1,
      loading: false,
      onPick: noop,
      onHover: noop,
      options: [
        { kind: 'command', command: { name: 'new', description: 'Start a new session.', kind: 'builtin' } },
        { kind: 'command', command: { name: 'greet', argumentHint: '[who]', description: 'Greet someone', kind: 'prompt', path: '/p' } },
      ],
    }),
  );
  assert.match(commands, /role="listbox" aria-label="Commands"/);
  assert.match(commands, /id="l-opt-1" role="option" aria-selected="true"/);
  assert.match(commands, />\/greet<span class="muted"> \[who\]<\/span>/);
  assert.match(commands, /class="badge badge-muted completion-tag">prompt</);
  const skills = render(h(CompletionList, { id: 's', kind: 'skill', active: 0, loading: false, onPick: noop, onHover: noop, options: [{ kind: 'skill', skill: { name: 'deploy', description: 'Ship it', path: '/p', scope: 'repo' } }] }));
  assert.match(skills, /aria-label="Skills"/);
  assert.match(skills, />\$deploy</);
  assert.match(skills, />repository</);
  const empty = render(h(CompletionList, { id: 'e', kind: 'command', active: 0, loading: true, onPick: noop, onHover: noop, options: [] }));
  assert.match(empty, />Loading…</);
});
