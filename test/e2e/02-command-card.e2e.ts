// Scenario 2: the model asks for a shell command (`ls`); the chat shows a command card
// with its output and exit code, the model receives the output, and its final message shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

test('a tool run shows a command card with output', { timeout: 240_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'list the files' }, reply: { toolCalls: [{ name: 'shell', arguments: { command: 'ls' } }] } },
    { when: { toolOutputContains: 'package.json' }, reply: { text: 'The workspace has a package.json and a src folder.' } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'The command did not list package.json.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Please list the files');

    await view.waitForText('The workspace has a package.json and a src folder.', 60_000);
    await view.waitForIdle();

    // the card's summary is named "Command ls, exit 0 after …"
    const card = view.frame.locator('details.cmd', { has: view.frame.getByLabel(/^Command ls,/) });
    await card.waitFor({ state: 'visible' });
    const summary = card.locator('summary');
    assert.match((await summary.getAttribute('aria-label')) ?? '', /^Command ls, exit 0/);
    // a successful card is collapsed: open it to read the output
    if ((await card.getAttribute('open')) === null) await summary.click();
    const output = view.frame.getByLabel('Output of ls');
    await output.waitFor({ state: 'visible' });
    const text = await output.innerText();
    for (const name of ['package.json', 'src', 'README.md', 'tsconfig.json']) assert.ok(text.includes(name), `output lists ${name}:\n${text}`);
    await s.screenshot('card-open');

    const outputs = await waitUntil('the model to receive the ls output', async () => {
      const reqs = await s.fake.modelRequests();
      const found = reqs.flatMap((r) => r.input).filter((e) => e.type === 'function_call_output');
      return found.length ? found : undefined;
    });
    assert.ok(outputs.some((o) => o.type === 'function_call_output' && o.output.includes('tsconfig.json')));
  });
});
