// Steer and queue through the library against the fake model server (real `openai`
// SDK, real HTTP), on both wire APIs: a steering message reaches the running turn's
// next request; a queued message becomes the next turn; a process killed between
// accepting a queued message and sending it shows the message on resume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createAgent, createNodeWorkspace, denyAll, type AgentOptions } from '../../src/core/index';
import type { RecordedRequest, Reply } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, tempDir, until, ROOT } from './harness';
import { makeImage } from '../fakes/images';

const server = fakeModelServers();

const lastUser = (r: RecordedRequest) => r.input.filter((e) => e.type === 'message' && e.role === 'user').map((e) => (e as { content: string }).content);

async function agentFor(baseUrl: string, wire: 'responses' | 'chat', extra: Partial<AgentOptions> = {}) {
  const options: AgentOptions = {
    model: { model: 'fake-model', baseUrl, apiKey: 'sk-test', wire },
    workspace: await createNodeWorkspace(makeRepo({ 'a.txt': 'a\n' })),
    storageDir: tempDir('tandem-it-home-'),
    approvals: denyAll,
    sandbox: 'off',
    globalInstructionsDir: tempDir('tandem-it-g-'),
    ...extra,
  };
  return { options, agent: await createAgent(options) };
}

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: a message steered during a running turn is in that turn's next request`, async () => {
    const s = await server();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const replies: Reply[] = [{ toolCalls: [{ name: 'list_dir', arguments: '{"path":"."}' }] }, { text: 'Listed; using tabs as asked.' }];
    s.setHandler(async (req) => {
      if (req.index === 0) await gate; // the first request is in flight while the user steers
      return replies.shift();
    });
    const { agent } = await agentFor(s.baseUrl, wire);
    const run = agent.run('List the files');
    await until(() => s.modelRequests().length === 1);
    const steered = await agent.steer('Use tabs, not spaces');
    assert.equal(steered.mode, 'steer');
    release();
    const result = await run;
    assert.equal(result.status, 'completed');
    const reqs = s.modelRequests();
    assert.equal(reqs.length, 2);
    assert.deepEqual(lastUser(reqs[1]), ['List the files', 'Use tabs, not spaces']);
    // it landed after the tool output of the first request, in the same turn
    assert.equal(reqs[1].input.at(-1)?.type, 'message');
    assert.equal(reqs[1].input.at(-2)?.type, 'function_call_output');
    const item = result.items.find((i) => i.type === 'user_message' && i.steered);
    assert.ok(item && item.turnId === result.turnId);
  });

  test(`${wire}: a queued message becomes the next turn`, async () => {
    const s = await server();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const replies: Reply[] = [{ text: 'First done.' }, { text: 'Second done.' }];
    s.setHandler(async (req) => {
      if (req.index === 0) await gate;
      return replies.shift();
    });
    const { agent } = await agentFor(s.baseUrl, wire);
    const turns: string[] = [];
    agent.subscribe((e) => e.type === 'turn/started' && turns.push(e.turnId));
    const run = agent.run('First task');
    await until(() => s.modelRequests().length === 1);
    await agent.queue('Second task');
    assert.deepEqual(agent.queued().map((m) => m.text), ['Second task']);
    release();
    const result = await run;
    assert.equal(result.finalResponse, 'Second done.');
    assert.equal(turns.length, 2);
    const reqs = s.modelRequests();
    assert.deepEqual(lastUser(reqs[1]), ['First task', 'Second task']);
    assert.equal(reqs[1].input.filter((e) => e.type === 'message' && e.role === 'assistant').length, 1, 'the first turn answered before the second began');
    assert.deepEqual(agent.queued(), []);
  });
}

test('steered and queued messages get the skills they mention, images included, like a sent one', async () => {
  const s = await server();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const replies: Reply[] = [{ toolCalls: [{ name: 'list_dir', arguments: '{"path":"."}' }] }, { text: 'Steered.' }, { text: 'Queued done.' }];
  s.setHandler(async (req) => {
    if (req.index === 0) await gate;
    return replies.shift();
  });
  const skillsHome = tempDir('tandem-it-skills-');
  mkdirSync(path.join(skillsHome, 'skills', 'deploy'), { recursive: true });
  const skillFile = path.join(skillsHome, 'skills', 'deploy', 'SKILL.md');
  writeFileSync(skillFile, '---\nname: deploy\ndescription: Deploy this service\n---\nDEPLOY-BODY: never on Fridays.\n');
  const { agent } = await agentFor(s.baseUrl, 'responses', { skills: { tandemHome: skillsHome, userHome: tempDir('tandem-it-uh-') } });
  const run = agent.run('List the files');
  await until(() => s.modelRequests().length === 1);
  await agent.steer('Then $deploy it');
  const image = await agent.addImage(await makeImage('image/png', 8, 8));
  await agent.queue('Check $deploy with this screenshot', { attachments: [image] });
  release();
  const result = await run;
  assert.equal(result.finalResponse, 'Queued done.');
  const skill = { type: 'skill', name: 'deploy', path: skillFile };
  const users = agent.items().filter((i) => i.type === 'user_message');
  assert.deepEqual(users.map((u) => (u.type === 'user_message' ? u.attachments : 'not a user message')), [undefined, [skill], [image, skill]]);
  const reqs = s.modelRequests();
  assert.match(lastUser(reqs[1]).at(-1)!, /^Then \$deploy it\n\n<attachments>\nSkill "deploy" .*\n`{3,}\nDEPLOY-BODY: never on Fridays\.\n`{3,}\n<\/attachments>$/);
  assert.match(lastUser(reqs[2]).at(-1)!, /^Check \$deploy with this screenshot\n\n<attachments>\nImage \(8×8\): attached below\.\n\nSkill "deploy" /);
  const sent = reqs[2].input.at(-1);
  assert.deepEqual(sent?.type === 'message' ? sent.images?.map((i) => i.hash) : undefined, [image.hash]);
});

test('a process killed between accepting a queued message and sending it shows the message on resume', async () => {
  const s = await server();
  s.setHandler(() => ({ text: 'never sent', hangMs: 'forever' }));
  const repo = makeRepo({ 'a.txt': 'a\n' });
  const storage = tempDir('tandem-it-home-');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/integration/fixtures/queueChild.ts'), repo, storage, s.baseUrl], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: tempDir('tandem-it-h-') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (err += b));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('close', (_code, signal) => r(signal)));
  await until(() => /QUEUED \S+ \S+/.test(out) || child.exitCode !== null);
  const [, sessionId, messageId] = /QUEUED (\S+) (\S+)/.exec(out) ?? assert.fail(`no QUEUED line: ${err}`);
  await until(() => s.modelRequests().length === 1); // the turn is waiting on the model
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');

  s.setHandler(() => ({ text: 'Summary written.' }));
  const resumed = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'chat' },
    workspace: await createNodeWorkspace(repo),
    storageDir: storage,
    approvals: denyAll,
    sandbox: 'off',
    sessionId,
  });
  assert.deepEqual(resumed.queued().map((m) => [m.id, m.text]), [[messageId, 'Then write the summary']]);
  const result = await resumed.runQueued();
  assert.equal(result.finalResponse, 'Summary written.');
  assert.deepEqual(lastUser(s.modelRequests().at(-1)!).at(-1), 'Then write the summary');
  assert.deepEqual(resumed.queued(), []);
});
