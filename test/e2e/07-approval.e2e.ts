// Scenario 7: with approvalPolicy 'untrusted', a command that is not known-safe
// (`node -e ...`) asks first. Deny (with a reason): the model receives the denial and
// the reason, and asks again; Allow once: the command runs and the model receives its output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem, type FakeServer } from './harness';

const COMMAND = `node -e "console.log('hello from node ' + (6 * 7))"`;
const DENY_REASON = 'not before lunch (e2e deny reason)';

async function toolOutputs(fake: FakeServer): Promise<string[]> {
  const reqs = await fake.modelRequests();
  const last = reqs[reqs.length - 1];
  return (last?.input ?? []).flatMap((e) => (e.type === 'function_call_output' ? [e.output] : []));
}

test('an approval prompt: deny, then allow; the agent sees each decision', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'run node' }, reply: { toolCalls: [{ name: 'shell', arguments: { command: COMMAND } }] } },
    // after the denial, the model tries once more
    { when: { toolOutputContains: 'e2e deny reason' }, reply: { text: 'Asking again.', toolCalls: [{ name: 'shell', arguments: { command: COMMAND } }] } },
    { when: { toolOutputContains: 'hello from node 42' }, reply: { text: 'Node printed the answer.' } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'Something else came back.' } },
  ];
  await withTandem(t, { rules, settings: { 'tandem.approvalPolicy': 'untrusted' } }, async (s) => {
    const view = await s.webview();
    await view.send('Please run node for me');

    const prompt = view.frame.getByRole('group', { name: 'Run this command?' });
    await prompt.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await prompt.getByLabel('Command').innerText(), COMMAND);
    await s.screenshot('prompt');
    await prompt.getByRole('textbox', { name: 'Reason for denying (optional)' }).fill(DENY_REASON);
    await prompt.getByRole('button', { name: 'Deny' }).click();

    // the model got the denial with the reason, and asked again
    const afterDeny = await waitUntil('the model to receive the denial', async () => {
      const outs = await toolOutputs(s.fake);
      return outs.some((o) => o.includes(DENY_REASON)) ? outs : undefined;
    }, 60_000);
    assert.ok(!afterDeny.some((o) => o.includes('hello from node')), 'the denied command did not run');
    await view.waitForText('Asking again.', 30_000);

    const second = view.frame.getByRole('group', { name: 'Run this command?' });
    await second.waitFor({ state: 'visible', timeout: 60_000 });
    await second.getByRole('button', { name: 'Allow once' }).click();

    await view.waitForText('Node printed the answer.', 60_000);
    await view.waitForIdle();
    const outs = await toolOutputs(s.fake);
    assert.ok(outs.some((o) => o.includes('hello from node 42')), `the model received the output:\n${outs.join('\n---\n')}`);
    // the chat shows the command that ran (the denied one may show as declined before it)
    const cards = view.frame.getByLabel(/^Command node -e/);
    assert.match((await cards.last().getAttribute('aria-label')) ?? '', /exit 0/);
    assert.equal(await view.frame.getByRole('group', { name: 'Run this command?' }).count(), 0, 'no prompt left');
  });
});
