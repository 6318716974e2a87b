// MCP in the editor, against the real @modelcontextprotocol/server-everything configured
// through the user setting tandem.mcpServers:
// 1. the MCP view lists the server before anything started it; Start brings it to ready
//    with its tools and the server's hints;
// 2. the model calls a tool: the chat asks with the server, tool, arguments and hints;
//    allowed once, the server's real result is in the tool card and in the next request.
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

test('an MCP approval prompt shows the call; allowed, its real result renders in a tool card', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'echo through MCP' }, reply: { toolCalls: [{ name: 'mcp__everything__echo', arguments: { message: 'hello from e2e' } }] } },
    { when: { toolOutputContains: 'Echo: hello from e2e' }, reply: { text: 'The server echoed it.' } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'Something else came back.' } },
  ];
  await withTandem(t, { rules, settings: { 'tandem.mcpServers': { everything: EVERYTHING_SERVER } } }, async (s) => {
    const view = await s.webview();
    await view.send('Please echo through MCP');

    const prompt = view.frame.getByRole('group', { name: 'Allow this MCP tool call?' });
    await prompt.waitFor({ state: 'visible', timeout: 90_000 });
    assert.equal(await prompt.getByLabel('Server').innerText(), 'everything');
    assert.equal(await prompt.getByLabel('Tool').innerText(), 'echo');
    assert.equal(await prompt.getByLabel('Arguments').innerText(), '{\n  "message": "hello from e2e"\n}');
    assert.match(await prompt.innerText(), /The server says: read-only/);
    for (const name of ['Allow once', 'Allow this tool for the session', 'Always allow this tool', 'Deny']) {
      assert.ok(await prompt.getByRole('button', { name, exact: true }).isVisible(), name);
    }
    await s.screenshot('prompt');
    await prompt.getByRole('button', { name: 'Allow once', exact: true }).click();

    await view.waitForText('The server echoed it.', 60_000);
    await view.waitForIdle();
    const requests = await s.fake.modelRequests();
    const outputs = requests.flatMap((r) => r.input).flatMap((e) => (e.type === 'function_call_output' ? [e.output] : []));
    assert.deepEqual(outputs, ['Echo: hello from e2e'], 'the real server answered');

    // the tool card: the tool and its server, the arguments and the result
    const card = view.frame.getByRole('group', { name: 'MCP tool echo of everything' });
    await card.locator('summary').click();
    assert.match(await card.getByLabel('Arguments of mcp__everything__echo').innerText(), /"message":"hello from e2e"/);
    assert.equal((await card.getByLabel('Result of mcp__everything__echo').innerText()).trim(), 'Echo: hello from e2e');
    await s.screenshot('card');

    // the session started the server: the view shows it ready
    const mcpView = new McpView(s.page);
    await mcpView.open();
    await waitUntil('the view to show the server ready', async () => /^ready · \d+ tools$/.test(await mcpView.description('everything')), 30_000);
  });
});
