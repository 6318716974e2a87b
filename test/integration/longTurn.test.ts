// Long turns through the real CLI: no request cap by default, the stuck-loop guard, and
// --max-rounds. The fake server's handler plays a model that works step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordedRequest } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, modelFlags, read, runCli, tempDir } from './harness';

const server = fakeModelServers();
const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });
const FILES = 10;

function repoWithFiles(): string {
  const files: Record<string, string> = { 'notes.md': '# Notes\n' };
  for (let i = 0; i < FILES; i++) files[`src/f${i}.ts`] = `export const v${i} = ${i};\n`;
  return makeRepo(files);
}

/** Tool outputs since the user's message: the step the model is at. */
const stepOf = (r: RecordedRequest) => r.input.filter((e) => e.type === 'function_call_output').length;

test('a 250-step task completes in one `tandem exec` with no flag', async () => {
  const s = await server();
  const STEPS = 250;
  s.setHandler((r) => {
    const i = stepOf(r);
    if (i >= STEPS) return { text: `Finished all ${STEPS} steps.` };
    // every 50th step records progress in notes.md; the rest read the files in turn
    if (i % 50 === 49) {
      const patch = ['*** Begin Patch', '*** Update File: notes.md', '@@', `+step ${i + 1} done`, '*** End Patch'].join('\n');
      return { toolCalls: [call('apply_patch', { patch })] };
    }
    return { toolCalls: [call('read_file', { path: `src/f${i % FILES}.ts` })] };
  });
  const repo = repoWithFiles();
  const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), 'Walk through the code in 250 steps'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Finished all ${STEPS} steps.\n`);
  assert.equal(s.modelRequests().length, STEPS + 1);
  // the work happened: five progress lines staged (not written), and step 249's read came back
  assert.match(r.stderr, /\+step 250 done/);
  assert.equal((r.stderr.match(/^\+step \d+ done$/gm) ?? []).length, 5);
  assert.equal(read(repo, 'notes.md'), '# Notes\n');
  const last = s.modelRequests()[STEPS - 1].input.at(-1);
  assert.ok(last?.type === 'function_call_output' && /export const v8 = 8;/.test(last.output), JSON.stringify(last));
});

test('a model that repeats the same failing call is stopped with the stuck-loop message', async () => {
  const s = await server();
  s.setHandler(() => ({ toolCalls: [call('read_file', { path: 'does/not/exist.ts' })] }));
  const r = await runCli(['exec', '--cwd', repoWithFiles(), ...modelFlags(s.baseUrl, 'responses'), 'Read the missing file'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /tandem: The agent stopped: the same read_file call failed 5 times in a row \(\{"path":"does\/not\/exist\.ts"\}\)\. It looks stuck/);
  assert.equal(s.modelRequests().length, 5);
});

test('--max-rounds 5 stops the turn at 5 model requests with a clear message', async () => {
  const s = await server();
  s.setHandler((r) => ({ toolCalls: [call('read_file', { path: `src/f${stepOf(r) % FILES}.ts` })] }));
  const r = await runCli(['exec', '--cwd', repoWithFiles(), '--max-rounds', '5', ...modelFlags(s.baseUrl, 'responses'), 'Read forever'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /tandem: The agent stopped after 5 model requests: the limit for one turn \(maxRounds, --max-rounds, tandem\.maxRounds\)\. Send a message to let it continue\./);
  assert.equal(s.modelRequests().length, 5);
});

test('--max-rounds and --max-turn-tokens take whole numbers of 1 or more', async () => {
  const bad = await runCli(['exec', '--max-rounds', '0', 'x'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-rounds must be a whole number of at least 1 \(got "0"\)/);
  const tokens = await runCli(['exec', '--max-turn-tokens', 'lots', 'x'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(tokens.code, 2);
  assert.match(tokens.stderr, /--max-turn-tokens must be a whole number/);
});
