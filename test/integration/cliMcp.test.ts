// MCP through the real CLI (no terminal: stdin is not a TTY): a call without --allow-mcp
// is denied and never reaches the server; --allow-mcp runs it and its result reaches the
// model; a repository's .tandem/mcp.json never starts a server without approval;
// `tandem mcp` lists servers, tools and state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeModelServers, makeRepo, modelFlags, runCli, tempDir } from './harness';
import { EVERYTHING, FILESYSTEM, ODD_SERVER } from './mcpHarness';

const server = fakeModelServers();

function configFile(servers: Record<string, unknown>): string {
  const file = path.join(tempDir('tandem-it-mcpcfg-'), 'mcp.json');
  writeFileSync(file, JSON.stringify({ mcpServers: servers }));
  return file;
}

const fsServer = (dir: string) => ({ command: process.execPath, args: [FILESYSTEM, dir] });
const lastOutputs = (s: Awaited<ReturnType<typeof server>>) =>
  s.modelRequests().at(-1)!.input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output);

test('no terminal and no --allow-mcp: the call is denied and never reaches the server', async () => {
  const s = await server();
  const dir = tempDir('tandem-it-fs-');
  const target = path.join(dir, 'made');
  s.enqueue({ toolCalls: [{ name: 'mcp__fs__create_directory', arguments: JSON.stringify({ path: target }) }] }, { text: 'Could not.' });
  const home = tempDir('tandem-it-home-');
  const r = await runCli(['exec', '--cwd', makeRepo({}), '--mcp-config', configFile({ fs: fsServer(dir) }), ...modelFlags(s.baseUrl, 'chat'), 'Make a folder'], { TANDEM_HOME: home });
  assert.equal(r.code, 0, r.stderr);
  // printed once, as the refused call (no separate "denied" line)
  assert.match(r.stderr, /✗ fs\/create_directory \(MCP\) .*needs the user's approval, and none could be given/);
  assert.match(lastOutputs(s)[0], /The call to the MCP tool fs\/create_directory needs the user's approval, and none could be given: the CLI runs without a terminal .*--allow-mcp SERVER or --allow-mcp SERVER\/TOOL.*No one was asked/);
  assert.equal(existsSync(target), false);
});

test('--allow-mcp SERVER/TOOL: the call runs and its real result is in the next request', async () => {
  const s = await server();
  const dir = tempDir('tandem-it-fs-');
  writeFileSync(path.join(dir, 'hello.txt'), 'hello from the file system server');
  s.enqueue({ toolCalls: [{ name: 'mcp__fs__read_text_file', arguments: JSON.stringify({ path: path.join(dir, 'hello.txt') }) }] }, { text: 'Read it.' });
  const r = await runCli(
    ['exec', '--cwd', makeRepo({}), '--mcp-config', configFile({ fs: fsServer(dir) }), '--allow-mcp', 'fs/read_text_file', ...modelFlags(s.baseUrl, 'responses'), 'Read the file'],
    { TANDEM_HOME: tempDir('tandem-it-home-') },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Read it.\n');
  assert.deepEqual(lastOutputs(s), ['hello from the file system server']);
  assert.match(r.stderr, /• fs\/read_text_file \(MCP\)/);
});

test("a repository's .tandem/mcp.json does not start a server without approval", async () => {
  const s = await server();
  s.setHandler(() => ({ text: 'ok' }));
  const marker = path.join(tempDir('tandem-it-marker-'), 'started');
  // the "server" would leave a mark if it ever ran
  const repo = makeRepo({ '.tandem/mcp.json': JSON.stringify({ mcpServers: { sneaky: { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`] } } }) });
  const home = tempDir('tandem-it-home-');
  const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'chat'), 'hello'], { TANDEM_HOME: home });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /error: MCP server "sneaky" was not started: it was not approved: the CLI runs without a terminal, and a server the repository declares starts only once approved/);
  assert.equal(existsSync(marker), false, 'the command never ran');
  assert.ok(!JSON.stringify(s.modelRequests()[0].body.tools).includes('mcp__'));
  assert.equal(existsSync(path.join(home, 'mcp-approvals.json')), false, 'nothing was remembered');
});

test('tandem mcp lists servers, their state and tools (and exits 1 when one failed)', async () => {
  const cfg = configFile({
    everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] },
    odd: { command: process.execPath, args: [ODD_SERVER] },
    off: { command: 'whatever', disabled: true },
  });
  const home = tempDir('tandem-it-home-');
  const json = await runCli(['mcp', '--cwd', makeRepo({}), '--mcp-config', cfg, '--json'], { TANDEM_HOME: home });
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  const states = Object.fromEntries(report.servers.map((srv: { name: string; state: string }) => [srv.name, srv.state]));
  assert.deepEqual(states, { everything: 'ready', odd: 'ready', off: 'disabled' });
  const echo = report.tools.find((t: { name: string }) => t.name === 'mcp__everything__echo');
  assert.deepEqual({ server: echo.server, tool: echo.tool, hints: echo.hints }, { server: 'everything', tool: 'echo', hints: 'read-only' });
  assert.match(report.warnings.join('\n'), /"either_or" of server "odd" is skipped/);

  mkdirSync(path.join(home, 'x'), { recursive: true });
  writeFileSync(path.join(home, 'mcp.json'), JSON.stringify({ mcpServers: { broken: { command: path.join(home, 'x', 'no-such-program') } } }));
  const text = await runCli(['mcp', '--cwd', makeRepo({}), '--mcp-config', cfg], { TANDEM_HOME: home });
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^everything {2}ready \(\d+ tools\) {2}stdio {2}/m);
  assert.match(text.stdout, /^ {2}mcp__everything__echo {2}\[read-only\] {2}Echoes back the input string$/m);
  assert.match(text.stdout, /^broken {2}failed {2}stdio .*\n {2}from .*mcp\.json\n {2}error: .*ENOENT/m);
  assert.match(text.stderr, /warning: MCP tool "either_or" of server "odd" is skipped/);
  assert.equal(readFileSync(path.join(home, 'mcp.json'), 'utf8').includes('broken'), true);
});

test('bad MCP flags and files are clear usage errors', async () => {
  const r = await runCli(['exec', '--allow-mcp', '/tool', 'task'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--allow-mcp "\/tool" names no server/);
  const missing = await runCli(['mcp', '--mcp-config', '/nonexistent/mcp.json'], { TANDEM_HOME: tempDir('tandem-it-home-') });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--mcp-config: \/nonexistent\/mcp\.json does not exist/);
});
