// `tandem exec` handles SIGTERM like Ctrl-C (issue 16, class 5): the running sandboxed
// command is stopped, what it wrote is not staged, the session is saved, exit 130.
// Needs the real sandbox; skipped with the reason where it cannot start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeModelServers, makeRepo, modelFlags, runCli, sessionIdOf, startCli, tempDir } from './harness';
import { detectSandbox } from '../../src/core/index';

const server = fakeModelServers();
const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });

test('SIGTERM during a sandboxed command ends the CLI with nothing of it staged', async (t) => {
  const status = await detectSandbox();
  if (!status.available) {
    console.log(`skipped: sandbox unavailable: ${status.reason}`);
    return t.skip(`sandbox unavailable: ${status.reason}`);
  }
  const s = await server();
  const command = 'for i in $(seq 3000); do : > f$i.txt; done; echo WROTE-THEM-ALL; sleep 60';
  s.enqueue({ toolCalls: [call('shell', { command })] }, { text: 'unused' });
  const repo = makeRepo({ 'README.md': '# r\n' });
  const env = { TANDEM_HOME: tempDir('tandem-it-home-') };
  const run = startCli(['exec', '--cwd', repo, '--sandbox', 'on', ...modelFlags(s.baseUrl, 'chat'), 'write files'], env);
  await run.waitFor(/WROTE-THEM-ALL/, 'stderr');
  run.child.kill('SIGTERM');
  const r = await run.done;
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /interrupted; the session is saved/);
  const id = sessionIdOf(r.stderr);
  const applied = await runCli(['apply', id], env);
  assert.match(applied.stderr, /has no staged changes/, 'nothing the stopped command wrote was staged');
});
