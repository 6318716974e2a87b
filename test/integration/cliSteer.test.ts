// Steering from the interactive CLI: `tandem exec` on a pseudo-terminal (util-linux
// `script`), where a line typed while the agent waits on the model reaches that turn's
// next request, and an approval question rings the terminal bell. Skipped where
// `script` is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCRIPT, fakeModelServers, makeRepo, modelFlags, ptyCli, tempDir, until } from './harness';

const server = fakeModelServers();

test('a line typed while the agent runs steers the running turn', async (t) => {
  if (!SCRIPT) return t.skip('util-linux `script` is not installed (no pseudo-terminal)');
  const s = await server();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const replies = [{ toolCalls: [{ name: 'list_dir', arguments: '{"path":"."}' }] }, { text: 'Done, with tabs.' }];
  s.setHandler(async (req) => {
    if (req.index === 0) await gate;
    return replies.shift();
  });
  const cli = ptyCli(['exec', '--sandbox', 'off', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Tidy the files'], { TANDEM_HOME: tempDir('tandem-steer-') });
  await cli.answer(/press Enter to steer/, 'Use tabs please');
  await cli.answer(/steering: Use tabs please/, '');
  await until(() => s.modelRequests().length === 1);
  release();
  const { code, output } = await cli.finish();
  assert.equal(code, 0, output);
  const second = s.modelRequests()[1];
  const users = second.input.filter((e) => e.type === 'message' && e.role === 'user').map((e) => (e as { content: string }).content);
  assert.deepEqual(users, ['Tidy the files', 'Use tabs please']);
  assert.match(output, /Done, with tabs\./);
});

test('an approval question rings the bell', async (t) => {
  if (!SCRIPT) return t.skip('util-linux `script` is not installed (no pseudo-terminal)');
  const s = await server();
  s.enqueue({ toolCalls: [{ name: 'shell', arguments: JSON.stringify({ command: 'rm -rf build' }) }] }, { text: 'Skipped.' });
  const cli = ptyCli(['exec', '--sandbox', 'off', '--approval', 'untrusted', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Clean up'], { TANDEM_HOME: tempDir('tandem-bell-') });
  await cli.answer(/\x07\r?\nThe agent asks to run a command:[\s\S]*\[n\] no: /, 'n');
  await cli.answer(/Reason for the agent[^\n]*: /, '');
  const { code, output } = await cli.finish();
  assert.equal(code, 0, output);
  assert.match(output, /Skipped\./);
});
