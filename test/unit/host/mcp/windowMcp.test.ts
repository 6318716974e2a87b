// WindowMcp over the real core (createMcpHub, loadMcpConfig) and, where a server must
// run, the real @modelcontextprotocol/server-everything from node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMcpHub, createMemoryMcpMemory, loadMcpConfig } from '../../../../src/core/index';
import { DISABLED_SERVERS_KEY, WindowMcp, type WindowMcpDeps } from '../../../../src/host/mcp/windowMcp';
import type { Logger } from '../../../../src/host/util/log';
import { FakeState } from './fakeState';

const EVERYTHING = path.resolve('node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const everything = { command: process.execPath, args: [EVERYTHING, 'stdio'] };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function setup(options: { setting?: unknown; root?: string | null; trusted?: boolean; state?: FakeState; core?: WindowMcpDeps['core'] } = {}) {
  const root = options.root === null ? undefined : (options.root ?? mkdtempSync(path.join(os.tmpdir(), 'tandem-windowmcp-')));
  const env = { setting: options.setting, trusted: options.trusted ?? true, root };
  const warnings: string[] = [];
  const log: Logger = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const state = options.state ?? new FakeState();
  const mcp = new WindowMcp({
    core: options.core ?? { createMcpHub: async (...a) => createMcpHub(...a), loadMcpConfig: async (...a) => loadMcpConfig(...a) },
    setting: () => env.setting,
    workspaceRoot: () => env.root,
    trusted: () => env.trusted,
    memory: createMemoryMcpMemory(),
    state,
    log,
  });
  let replaced = 0;
  mcp.onDidReplace(() => replaced++);
  const cleanup = async () => {
    await mcp.dispose();
    if (root && options.root === undefined) rmSync(root, { recursive: true, force: true });
  };
  return { mcp, env, warnings, state, replaced: () => replaced, cleanup };
}

test('no folder: no hub, and the view says a folder is needed', async () => {
  const s = setup({ root: null, setting: { everything } });
  assert.equal(await s.mcp.hub(), undefined);
  assert.deepEqual(s.mcp.overview(), { servers: [], problems: [], noFolder: true });
  assert.deepEqual(await s.mcp.sessionOption(), {});
  await s.cleanup();
});

test('nothing configured: no hub, so sessions get no MCP option', async () => {
  const s = setup({ setting: {} });
  assert.equal(await s.mcp.hub(), undefined);
  assert.deepEqual(await s.mcp.sessionOption(), {});
  assert.equal(s.replaced(), 0);
  await s.cleanup();
});

test('the same configuration keeps its hub; a changed one stops the old hub and reports the replacement', async () => {
  const s = setup({ setting: { everything } });
  const first = await s.mcp.hub();
  assert.ok(first);
  assert.deepEqual(await s.mcp.sessionOption(), { mcp: { hub: first } });
  assert.deepEqual(s.mcp.overview().servers.map((x) => [x.name, x.state]), [['everything', 'idle']]);
  const replacedAfterFirst = s.replaced();
  s.mcp.invalidate();
  assert.equal(await s.mcp.hub(), first, 'an unchanged configuration keeps the running hub');
  assert.equal(s.replaced(), replacedAfterFirst);

  s.env.setting = { everything, other: { ...everything, disabled: true } };
  s.mcp.invalidate();
  const second = await s.mcp.hub();
  assert.ok(second && second !== first);
  assert.deepEqual(first.status().map((x) => x.state), ['stopped'], 'the old hub was stopped');
  assert.equal(s.replaced(), replacedAfterFirst + 1);
  assert.deepEqual(s.mcp.overview().servers.map((x) => [x.name, x.state]), [['everything', 'idle'], ['other', 'disabled']]);

  s.env.setting = {};
  s.mcp.invalidate();
  assert.equal(await s.mcp.hub(), undefined);
  assert.deepEqual(second.status().map((x) => x.state), ['stopped', 'stopped']);
  assert.equal(s.replaced(), replacedAfterFirst + 2, 'removing every server also rebuilds the sessions');
  await s.cleanup();
});

test("the user's Reload builds a new hub for the same configuration (a declined server is asked again)", async () => {
  const s = setup({ setting: { everything } });
  const first = await s.mcp.hub();
  const before = s.replaced();
  const second = await s.mcp.reload();
  assert.ok(first && second && second !== first);
  assert.deepEqual(first.status().map((x) => x.state), ['stopped']);
  assert.equal(s.replaced(), before + 1);
  s.mcp.invalidate();
  assert.equal(await s.mcp.hub(), second, 'an ordinary refresh keeps it');
  await s.cleanup();
});

test('entries that cannot be used are listed as problems; the others load', async () => {
  const s = setup({ setting: { good: everything, bad: { args: ['x'] } } });
  await s.mcp.hub();
  const view = s.mcp.overview();
  assert.deepEqual(view.servers.map((x) => x.name), ['good']);
  assert.equal(view.problems.length, 1);
  assert.match(view.problems[0], /server "bad" needs "command"/);
  assert.ok(s.warnings.some((w) => w.includes('"bad"')), 'problems are logged');
  await s.cleanup();
});

test("the workspace's .tandem/mcp.json is read; granting trust builds a new hub (its servers may then ask to start)", async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-windowmcp-ws-'));
  mkdirSync(path.join(root, '.tandem'));
  writeFileSync(path.join(root, '.tandem', 'mcp.json'), JSON.stringify({ mcpServers: { repo: everything } }));
  const s = setup({ root, trusted: false, setting: {} });
  const untrusted = await s.mcp.hub();
  assert.ok(untrusted);
  assert.deepEqual(s.mcp.overview().servers.map((x) => [x.name, x.source]), [['repo', 'workspace']]);
  s.env.trusted = true;
  s.mcp.invalidate();
  const trusted = await s.mcp.hub();
  assert.ok(trusted && trusted !== untrusted);
  // a file that stops being valid JSON: its servers go, with the reason shown
  writeFileSync(path.join(root, '.tandem', 'mcp.json'), '{ not json');
  s.mcp.invalidate();
  assert.equal(await s.mcp.hub(), undefined);
  assert.match(s.mcp.overview().problems.join('\n'), /not valid JSON/);
  await s.cleanup();
  rmSync(root, { recursive: true, force: true });
});

test('a server the user disables stays disabled in this workspace, also in the next window', async () => {
  const state = new FakeState();
  const s = setup({ setting: { everything }, state });
  await s.mcp.setEnabled('everything', false);
  assert.deepEqual(state.data.get(DISABLED_SERVERS_KEY), ['everything']);
  assert.equal(s.mcp.overview().servers[0].state, 'disabled');
  await s.cleanup();

  const next = setup({ setting: { everything }, state });
  await next.mcp.hub();
  assert.equal(next.mcp.overview().servers[0].state, 'disabled');
  await next.mcp.setEnabled('everything', true);
  assert.deepEqual(state.data.get(DISABLED_SERVERS_KEY), []);
  assert.equal(next.mcp.overview().servers[0].state, 'idle');
  await next.cleanup();
});

test('a configuration that cannot be loaded costs sessions their MCP tools, not their start', async () => {
  const s = setup({
    setting: { everything },
    core: {
      createMcpHub: async () => assert.fail('not reached'),
      loadMcpConfig: async () => {
        throw new Error('the core could not be loaded');
      },
    },
  });
  assert.deepEqual(await s.mcp.sessionOption(), {});
  assert.ok(s.warnings.some((w) => w.includes('the core could not be loaded')));
  assert.match(s.mcp.overview().problems[0], /could not be read: the core could not be loaded/);
  await s.cleanup();
});

test('a real server: started from the view, ready with its tools; a new configuration ends its process; dispose leaves nothing running', { timeout: 60_000 }, async () => {
  const s = setup({ setting: { everything } });
  const events: string[] = [];
  s.mcp.onDidChange((e) => e?.type === 'mcp/server_updated' && events.push(e.server.state));
  await s.mcp.restart('everything');
  const ready = s.mcp.overview().servers[0];
  assert.equal(ready.state, 'ready', ready.error);
  assert.ok(ready.tools.some((t) => t.name === 'echo'));
  assert.ok(events.includes('starting') && events.includes('ready'), `the view hears the states: ${events.join(', ')}`);
  const pid = ready.pid!;
  assert.ok(alive(pid));

  s.env.setting = { renamed: everything };
  s.mcp.invalidate();
  await s.mcp.hub();
  assert.equal(alive(pid), false, 'the old hub stopped its process before the new one was built');

  await s.mcp.restart('renamed');
  const pid2 = s.mcp.overview().servers[0].pid!;
  assert.ok(alive(pid2));
  await s.cleanup();
  assert.equal(alive(pid2), false);
  assert.equal(await s.mcp.hub(), undefined, 'a disposed window has no hub');
});
