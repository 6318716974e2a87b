// MCP in the editor, against the real @modelcontextprotocol/server-everything configured
// through the user setting tandem.mcpServers:
// 1. the MCP view lists the server before anything started it; Start brings it to ready
//    with its tools and the server's hints.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { EVERYTHING_SERVER, McpView } from './mcpView';

test('the MCP view shows the configured server; started, it is ready with its tools and their hints', { timeout: 300_000 }, async (t) => {
  await withTandem(t, { settings: { 'tandem.mcpServers': { everything: EVERYTHING_SERVER } } }, async (s) => {
    const view = new McpView(s.page);
    await view.open();
    await view.row('everything').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.description('everything'), /not started/);
    await view.action('everything', 'Start Server');
    const ready = await waitUntil('the server to be ready', async () => {
      const d = await view.description('everything');
      return /^ready · \d+ tools$/.test(d) ? d : undefined;
    }, 60_000);
    assert.ok(Number(/\d+/.exec(ready)![0]) >= 10, ready);
    await view.expand('everything');
    await view.row('echo').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await view.description('echo'), 'read-only');
    await s.screenshot('ready');
  });
});
