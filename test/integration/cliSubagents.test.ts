// `tandem exec` with subagents: children's progress prefixed with their id on stderr,
// their events tagged with `agentId` in --json, and --max-agents.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, modelFlags, runCli, tempDir } from './harness';
import { call, patchOf, spawningParent, taskOf } from './subagentScript';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const TASK = 'Fan the edits out.';

async function server(): Promise<{ s: FakeModelServer; parent: ReturnType<typeof spawningParent> }> {
  const s = await startFakeModelServer();
  servers.push(s);
  const parent = spawningParent([{ message: 'edit a.txt' }, { message: 'edit b.txt' }], 'Both edits are staged.');
  s.setHandler((r: RecordedRequest) => {
    const task = taskOf(r);
    if (task === TASK) return parent.reply(r);
    const file = task.slice('edit '.length);
    if (r.conversationIndex === 0) return { toolCalls: [call('apply_patch', { patch: patchOf(file, 'x', `x by ${file}`) })] };
    return { text: `Edited ${file}.` };
  });
  return { s, parent };
}

test('exec prints each child\'s progress prefixed with its id; the answer stays on stdout', async () => {
  const { s, parent } = await server();
  const repo = makeRepo({ 'a.txt': 'x\n', 'b.txt': 'x\n' });
  const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), TASK], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Both edits are staged.\n');
  assert.equal(parent.ids.length, 2);
  for (const id of parent.ids) {
    assert.match(r.stderr, new RegExp(`◆ worker ${id} started: edit`));
    assert.match(r.stderr, new RegExp(`\\[${id}\\] ✎ staged modify [ab]\\.txt \\(\\+1 -1\\)`));
    assert.match(r.stderr, new RegExp(`\\[${id}\\] › Edited [ab]\\.txt\\.`));
    assert.match(r.stderr, new RegExp(`◆ worker ${id} completed \\(\\d+ tokens\\)\\n    ✎ modify [ab]\\.txt \\(\\+1 -1\\)`));
  }
  // the merged staging is the session's: both files in the printed diff
  assert.match(r.stderr, /\+x by a\.txt/);
  assert.match(r.stderr, /\+x by b\.txt/);
});

test('--json tags every child event with its agentId; --max-agents limits them', async () => {
  const { s, parent } = await server();
  const repo = makeRepo({ 'a.txt': 'x\n', 'b.txt': 'x\n' });
  const r = await runCli(['exec', '--cwd', repo, '--json', ...modelFlags(s.baseUrl, 'responses'), TASK], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const id of parent.ids) {
    const mine = events.filter((e) => e.agentId === id);
    assert.deepEqual([mine[0].type, mine.at(-1).type], ['turn/started', 'turn/completed']);
    assert.ok(mine.some((e) => e.type === 'item/completed' && e.item.type === 'file_change'));
  }
  const cards = events.filter((e) => e.type === 'item/completed' && e.item.type === 'subagent' && !e.agentId);
  assert.equal(cards.length, 2);
  const summary = events.at(-1);
  assert.equal(summary.type, 'cli/summary');
  assert.deepEqual(summary.staged.map((c: { path: string }) => c.path), ['a.txt', 'b.txt']);

  const limited = await server();
  const r2 = await runCli(['exec', '--cwd', makeRepo({ 'a.txt': 'x\n', 'b.txt': 'x\n' }), '--json', '--max-agents', '1', ...modelFlags(limited.s.baseUrl, 'responses'), TASK], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r2.code, 0, r2.stderr + r2.stdout.slice(-2000));
  assert.equal(limited.parent.ids.length, 1);
  assert.match(r2.stdout, /At most 1 subagents can run at once/);

  const bad = await runCli(['exec', '--max-agents', 'lots', TASK], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-agents must be a whole number/);
});
