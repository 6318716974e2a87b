// The CLI end to end against the fake model server, for both wire APIs: a multi-step
// task, the same task interrupted, a 429, and resume after a killed process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeModelServer, Reply } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, read, runCli, startCli, modelFlags, sessionIdOf, tempDir, until } from './harness';

const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
const UTIL = "import { add } from './math';\nexport const twice = (x: number) => add(x, x);\n";
const PATCH = [
  '*** Begin Patch',
  '*** Update File: src/math.ts',
  '@@',
  '-export function add(a: number, b: number) {',
  '+export function sum(a: number, b: number) {',
  '*** Update File: src/util.ts',
  '@@',
  "-import { add } from './math';",
  '-export const twice = (x: number) => add(x, x);',
  "+import { sum } from './math';",
  '+export const twice = (x: number) => sum(x, x);',
  '*** End Patch',
].join('\n');

const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });

/** read + search in parallel, patch two files, run a command, answer. */
function multiStep(final = 'Renamed add to sum in src/math.ts and src/util.ts.'): Reply[] {
  return [
    { reasoning: 'Look at the code first.', toolCalls: [call('read_file', { path: 'src/math.ts' }), call('search', { pattern: 'add\\(' })] },
    { toolCalls: [call('apply_patch', { patch: PATCH })] },
    { toolCalls: [call('shell', { command: 'cat src/math.ts src/util.ts' })] },
    { text: final },
  ];
}

const server = fakeModelServers();

function outputs(s: FakeModelServer, index: number): string[] {
  return s.modelRequests()[index].input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output);
}

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: a multi-step task stages two files, leaves the disk alone, then tandem apply writes them`, async () => {
    const s = await server();
    s.enqueue(...multiStep());
    const repo = makeRepo({ 'src/math.ts': MATH, 'src/util.ts': UTIL });
    const env = { TANDEM_HOME: tempDir('tandem-it-home-') };
    const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, wire), 'Rename add to sum'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Renamed add to sum in src/math.ts and src/util.ts.\n');
    // nothing written without --apply; the diff and the way to apply are printed
    assert.equal(read(repo, 'src/math.ts'), MATH);
    assert.equal(read(repo, 'src/util.ts'), UTIL);
    assert.match(r.stderr, /-export function add\(a: number, b: number\) \{\n\+export function sum/);
    const id = sessionIdOf(r.stderr);
    assert.match(r.stderr, new RegExp(`tandem apply ${id}`));

    const reqs = s.modelRequests();
    assert.equal(reqs.length, 4);
    // one stable prefix for the whole session
    for (const q of reqs) {
      assert.equal(q.instructions, reqs[0].instructions);
      assert.equal(JSON.stringify(q.body.tools), JSON.stringify(reqs[0].body.tools));
    }
    assert.match(reqs[0].instructions, /STAGED/);
    const [readOut, searchOut] = outputs(s, 1);
    assert.match(readOut, /return a \+ b;/);
    assert.match(searchOut, /src\/util\.ts/);
    assert.match(outputs(s, 2).at(-1)!, /src\/math\.ts/);
    const shellOut = outputs(s, 3).at(-1)!;
    assert.match(shellOut, /Exit code: 0/);
    // append-only history: each request extends the previous one
    for (let i = 1; i < reqs.length; i++) assert.deepEqual(reqs[i].input.slice(0, reqs[i - 1].input.length), reqs[i - 1].input);

    const applied = await runCli(['apply', id.slice(0, 20)], env);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(read(repo, 'src/math.ts'), /export function sum/);
    assert.match(read(repo, 'src/util.ts'), /import \{ sum \}/);
    const list = await runCli(['sessions'], env);
    assert.match(list.stdout, new RegExp(`${id} .* Rename add to sum`));
  });

  test(`${wire}: --apply applies the staged changes when the task succeeds; --json prints events`, async () => {
    const s = await server();
    s.enqueue(...multiStep());
    const repo = makeRepo({ 'src/math.ts': MATH, 'src/util.ts': UTIL });
    const r = await runCli(['exec', '--cwd', repo, '--json', '--apply', ...modelFlags(s.baseUrl, wire), 'Rename add to sum'], { TANDEM_HOME: tempDir('tandem-it-home-') });
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(events[0].type, 'session/started');
    assert.ok(events.some((e) => e.type === 'item/completed' && e.item.type === 'file_change'));
    assert.ok(events.some((e) => e.type === 'item/completed' && e.item.type === 'command_execution' && e.item.exitCode === 0));
    const summary = events.at(-1);
    assert.equal(summary.type, 'cli/summary');
    assert.equal(summary.status, 'completed');
    assert.equal(summary.applied.length, 2);
    assert.match(read(repo, 'src/math.ts'), /export function sum/);
    assert.match(read(repo, 'src/util.ts'), /sum\(x, x\)/);
  });

  test(`${wire}: SIGINT mid-stream ends the CLI promptly with the session saved`, async () => {
    const s = await server();
    const [first] = multiStep();
    s.enqueue(first, { text: 'I am now going to explain at length what I found in the code base so far and more', chunkSize: 3, chunkDelayMs: 40, hangMs: 'forever' });
    const repo = makeRepo({ 'src/math.ts': MATH, 'src/util.ts': UTIL });
    const home = tempDir('tandem-it-home-');
    const run = startCli(['exec', '--cwd', repo, '--json', ...modelFlags(s.baseUrl, wire), 'Rename add to sum'], { TANDEM_HOME: home });
    // the answer of the second request has started streaming
    await run.waitFor(/"type":"item\/started","item":\{"id":"[^"]+","turnId":"[^"]+","type":"agent_message"/);
    run.child.kill('SIGINT');
    const r = await run.done;
    assert.equal(r.code, 130, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const end = events.find((e) => e.type === 'turn/completed');
    assert.equal(end?.aborted, true);
    // every started item completed
    const open = new Set<string>();
    for (const e of events) {
      if (e.type === 'item/started') open.add(e.item.id);
      if (e.type === 'item/completed') open.delete(e.item.id);
    }
    assert.equal(open.size, 0);
    assert.equal(await s.closed(1), true, 'the stream was cancelled');
    const id = sessionIdOf(r.stdout);
    const log = readFileSync(path.join(home, 'sessions', `${id}.jsonl`), 'utf8');
    assert.match(log, /"t":"turn_ended","turnId":"[^"]+","status":"aborted"/);
    assert.equal(read(repo, 'src/math.ts'), MATH);
  });

  test(`${wire}: a 429 with Retry-After is retried and the task succeeds`, async () => {
    const s = await server();
    s.enqueue({ status: 429, retryAfter: 0, message: 'Rate limit reached' }, { text: 'Fine after all.' });
    const repo = makeRepo({ 'a.txt': 'x\n' });
    const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, wire), 'hello'], { TANDEM_HOME: tempDir('tandem-it-home-') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Fine after all.\n');
    assert.equal(s.modelRequests().length, 2);
    assert.deepEqual(s.modelRequests()[1].input, s.modelRequests()[0].input);
  });

  test(`${wire}: resume after a killed process keeps the history and the staged change`, async () => {
    const s = await server();
    const steps = multiStep();
    s.enqueue(steps[0], steps[1], { text: 'Now let me', hangMs: 'forever' });
    const repo = makeRepo({ 'src/math.ts': MATH, 'src/util.ts': UTIL });
    const home = tempDir('tandem-it-home-');
    const run = startCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, wire), 'Rename add to sum'], { TANDEM_HOME: home });
    await until(() => s.modelRequests().length >= 3);
    run.child.kill('SIGKILL');
    await run.done;
    const id = sessionIdOf(run.stderr());

    s.enqueue({ text: 'Both files are renamed; the change is staged.' });
    const r = await runCli(['resume', id, ...modelFlags(s.baseUrl, wire), 'Are you done?'], { TANDEM_HOME: home });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Both files are renamed; the change is staged.\n');
    const resumed = s.modelRequests().at(-1)!;
    assert.equal(resumed.instructions, s.modelRequests()[0].instructions);
    const kinds = resumed.input.map((e) => (e.type === 'message' ? `${e.role}:${e.content}` : e.type === 'function_call' ? `call:${e.name}` : e.type));
    assert.equal(kinds[0], 'user:Rename add to sum');
    assert.ok(kinds.includes('call:apply_patch'));
    assert.equal(kinds.at(-1), 'user:Are you done?');
    assert.equal(read(repo, 'src/math.ts'), MATH);
    const applied = await runCli(['apply', id], { TANDEM_HOME: home });
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(read(repo, 'src/math.ts'), /export function sum/);
  });
}

test('bad arguments, a missing key and an unreachable server exit non-zero with one line; --max-retries / TANDEM_MAX_RETRIES bound retries', async () => {
  const home = tempDir('tandem-it-home-');
  const bad = await runCli(['exec', '--wire', 'carrier-pigeon', 'x'], { TANDEM_HOME: home });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^tandem: --wire must be one of responses, chat/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const noKey = await runCli(['exec', 'x'], { TANDEM_HOME: home, OPENAI_API_KEY: '' });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /No API key/);
  // --max-retries 0: fail on the first refused connection instead of backing off 5 times
  const unreachable = await runCli(['exec', '--cwd', makeRepo({}), '--base-url', 'http://127.0.0.1:9/v1', '--model', 'm', '--max-retries', '0', 'x'], { TANDEM_HOME: home });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /tandem: .*not reachable/);
  // the failure is printed once (not also as an "error:" progress line)
  assert.equal(unreachable.stderr.split('not reachable').length - 1, 1, unreachable.stderr);
  assert.doesNotMatch(unreachable.stderr, /^error: /m);
  // the retry count is what the flag or TANDEM_MAX_RETRIES says (counted at the server)
  const s = await server();
  s.enqueue({ status: 429, retryAfter: 0, message: 'Rate limit reached' }, { status: 429, retryAfter: 0, message: 'Rate limit reached' });
  const viaEnv = await runCli(['exec', '--cwd', makeRepo({}), ...modelFlags(s.baseUrl, 'chat'), 'x'], { TANDEM_HOME: home, TANDEM_MAX_RETRIES: '1' });
  assert.equal(viaEnv.code, 1, viaEnv.stderr);
  assert.equal(s.modelRequests().length, 2, 'one request and one retry');
  s.enqueue({ status: 429, retryAfter: 0, message: 'Rate limit reached' }, { status: 429, retryAfter: 0, message: 'Rate limit reached' }, { text: 'third time lucky' });
  const viaFlag = await runCli(['exec', '--cwd', makeRepo({}), ...modelFlags(s.baseUrl, 'chat'), '--max-retries', '2', 'x'], { TANDEM_HOME: home, TANDEM_MAX_RETRIES: '0' });
  assert.equal(viaFlag.code, 0, viaFlag.stderr);
  assert.equal(viaFlag.stdout, 'third time lucky\n');
  assert.equal(s.modelRequests().length, 5);
  const badRetries = await runCli(['exec', '--max-retries', 'many', 'x'], { TANDEM_HOME: home });
  assert.equal(badRetries.code, 2);
  assert.match(badRetries.stderr, /^tandem: --max-retries must be a whole number/);
  const help = await runCli(['--help'], { TANDEM_HOME: home });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /tandem exec/);
});
