// The fake model server itself: reply selection (queue, handler, rules), control endpoints,
// and the separate-process mode the e2e tests use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { startFakeModelServer, type Rule } from '../../../fakes/fakeModelServer';
import type { HistoryEntry } from '../../../../src/core/model/types';
import { WIRES, clientFor, collect, completed, request } from './modelTestUtils';

const repoRoot = path.resolve(__dirname, '../../../..');

const replyText = (events: Awaited<ReturnType<typeof collect>>) => {
  const first = completed(events).output.find((e) => e.type === 'message');
  return first?.type === 'message' ? first.content : undefined;
};

const RULES: Rule[] = [
  { when: { userContains: 'list files' }, reply: { text: 'Listing.', toolCalls: [{ name: 'list_dir', arguments: { path: '.' } }] } },
  { when: { toolOutputContains: 'README' }, reply: { text: 'I see a README.' } },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'Some tool ran.' } },
  { when: { instructionsContain: 'PIRATE' }, reply: { text: 'Arr.' }, times: 1 },
];

for (const wire of WIRES) {
  test(`${wire}: rules match the last input item, first match wins, times runs out`, async () => {
    const server = await startFakeModelServer({ rules: { rules: RULES.map((r) => ({ ...r })), defaultReply: { text: 'default' } } });
    try {
      const { client } = clientFor(server, wire);
      const list = completed(await collect(client.stream(request('please list files'))));
      const call = list.output.find((e) => e.type === 'function_call');
      assert.equal(call?.type === 'function_call' && call.name, 'list_dir');
      const history: HistoryEntry[] = [{ type: 'message', role: 'user', content: 'please list files' }, ...list.output];
      const callId = call?.type === 'function_call' ? call.callId : '';
      const readme = [...history, { type: 'function_call_output' as const, callId, output: 'README.md\nsrc/' }];
      assert.equal(replyText(await collect(client.stream(request(readme)))), 'I see a README.');
      const other = [...history, { type: 'function_call_output' as const, callId, output: 'nothing' }];
      assert.equal(replyText(await collect(client.stream(request(other)))), 'Some tool ran.');
      assert.equal(replyText(await collect(client.stream(request('hi', { instructions: 'Talk like a PIRATE.' })))), 'Arr.');
      assert.equal(replyText(await collect(client.stream(request('hi', { instructions: 'Talk like a PIRATE.' })))), 'default');
    } finally {
      await server.close();
    }
  });
}

test('the queue comes before the handler; the handler sees the neutral request', async () => {
  const server = await startFakeModelServer();
  try {
    server.setHandler((req) => ({ text: `echo: ${(req.input.at(-1) as any).content} / ${req.instructions}` }));
    server.enqueue({ text: 'queued' });
    const { client } = clientFor(server, 'chat');
    assert.equal(replyText(await collect(client.stream(request('one')))), 'queued');
    assert.equal(replyText(await collect(client.stream(request('two')))), 'echo: two / You are a test.');
  } finally {
    await server.close();
  }
});

test('with nothing scripted the server answers 400 so the test fails fast', async () => {
  const server = await startFakeModelServer();
  try {
    const { client, sleeps } = clientFor(server, 'responses');
    await assert.rejects(collect(client.stream(request('hi'))), /no reply scripted/);
    assert.deepEqual(sleeps, []);
  } finally {
    await server.close();
  }
});

test('as a separate process: prints its URL, follows rules, accepts new rules, exposes requests', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-model-'));
  const rulesFile = path.join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify([{ when: { userContains: 'hello' }, reply: { text: 'Hi from the process.' } }]));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fakes/fakeModelServer.ts', '--port', '0', '--rules', rulesFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    while (!/FAKE_MODEL_SERVER_URL=(\S+)\n/.test(out)) {
      const [chunk] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => [''])])) as [string];
      if (chunk === '') throw new Error('fake server process exited before printing its URL');
      out += chunk;
    }
    const baseUrl = /FAKE_MODEL_SERVER_URL=(\S+)\n/.exec(out)![1];
    assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const server = { baseUrl } as any;
    const { client } = clientFor(server, 'responses');
    assert.equal(replyText(await collect(client.stream(request('hello there')))), 'Hi from the process.');
    assert.equal(replyText(await collect(client.stream(request('unmatched')))), 'Done.');
    const origin = baseUrl.replace(/\/v1$/, '');
    const set = await fetch(`${origin}/__rules`, { method: 'POST', body: JSON.stringify({ rules: [], defaultReply: { text: 'new default' } }) });
    assert.equal(set.status, 200);
    assert.equal(replyText(await collect(client.stream(request('hello again')))), 'new default');
    const recorded = (await (await fetch(`${origin}/__requests`)).json()) as any[];
    assert.deepEqual(
      recorded.map((r) => [r.wire, r.input.at(-1).content]),
      [['responses', 'hello there'], ['responses', 'unmatched'], ['responses', 'hello again']],
    );
    const bad = await fetch(`${origin}/__rules`, { method: 'POST', body: '{"nope":1}' });
    assert.equal(bad.status, 400);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
});
