// Scenario 10 (issue 5, "Done when": an escalation prompt in the sidebar). Under the
// default policy (on-request) the model asks to run one command WITH NETWORK ACCESS,
// with a justification. The command connects to a TCP listener this test owns on
// 127.0.0.1. Contract: the inline prompt shows the exact command, that it needs the
// network, and the model's justification; Deny with a reason -> the command never runs
// (the listener sees no connection) and the model's next request carries the reason;
// the model asks again -> Allow once -> the command runs with the host network (the
// listener sees the connection) and the model receives "connected".
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { slug, waitUntil, withTandem, type FakeServer } from './harness';
import { resultsDir } from './paths';
import { detectSandbox } from '../../src/core/index';

const JUSTIFICATION = 'needs to download dependencies';
const DENY_REASON = 'no network today (e2e deny reason)';

const commandFor = (port: number) =>
  `node -e "require('net').connect(${port},'127.0.0.1').on('connect',()=>{console.log('connected');process.exit(0)}).on('error',e=>{console.log('error '+e.code);process.exit(1)})"`;

/** Tool outputs of the model's newest request (what it was told last). */
async function lastToolOutputs(fake: FakeServer): Promise<string[]> {
  const reqs = await fake.modelRequests();
  const last = reqs[reqs.length - 1];
  return (last?.input ?? []).flatMap((e) => (e.type === 'function_call_output' ? [e.output] : []));
}

/** A TCP listener that counts the connections it accepted (and closes each at once). */
async function startListener(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('escalation: the network prompt shows it all; deny blocks it, allow once runs it', { timeout: 300_000 }, async (t) => {
  const sandbox = await detectSandbox();
  // with a sandbox the approved command still runs confined, only with the host network
  // (policy: network escalation stays sandboxed); without one it runs in the plain shell
  const expectedBadge = sandbox.available ? 'sandboxed' : 'not sandboxed';
  const listener = await startListener();
  t.after(() => listener.close());
  const COMMAND = commandFor(listener.port);
  const call = { name: 'shell', arguments: { command: COMMAND, escalation: 'network', justification: JUSTIFICATION } };
  const rules = [
    { when: { userContains: 'install the dependencies' }, reply: { text: 'I need the network for this.', toolCalls: [call] } },
    // after the denial (with its reason), the model asks once more
    { when: { toolOutputContains: 'e2e deny reason' }, reply: { text: 'Asking again with the same command.', toolCalls: [call] } },
    { when: { toolOutputContains: 'Output:\nconnected' }, reply: { text: 'The listener answered.' } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'Something else came back.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Please install the dependencies');

    const prompt = view.frame.getByRole('group', { name: 'Run this command?' });
    await prompt.waitFor({ state: 'visible', timeout: 90_000 });
    assert.equal(await prompt.getByLabel('Command').innerText(), COMMAND, 'the exact command');
    const shown = await prompt.innerText();
    assert.match(shown, /It needs network access\./, `the escalation is named:\n${shown}`);
    assert.ok(shown.includes(JUSTIFICATION), `the model's justification is shown:\n${shown}`);
    assert.match(shown, /The model asks to run this with network access\./, `the policy's reason is shown:\n${shown}`);
    await s.screenshot('escalation-prompt');
    await prompt.screenshot({ path: path.join(resultsDir, `${slug(t.name)}-escalation-prompt-card.png`) });
    assert.equal(listener.connections(), 0, 'nothing ran while the prompt waits');

    await prompt.getByRole('textbox', { name: 'Reason for denying (optional)' }).fill(DENY_REASON);
    await prompt.getByRole('button', { name: 'Deny' }).click();

    // the model's next request carries the denial and its reason; the command did not run
    const afterDeny = await waitUntil('the model to receive the denial', async () => {
      const outs = await lastToolOutputs(s.fake);
      return outs.some((o) => o.includes(DENY_REASON)) ? outs : undefined;
    }, 60_000);
    assert.ok(afterDeny.some((o) => o.includes('The user declined to run this command.')), afterDeny.join('\n---\n'));
    assert.ok(!afterDeny.some((o) => o.includes('connected')), 'no output of the denied command');
    await view.waitForText('Asking again with the same command.', 60_000);
    assert.equal(listener.connections(), 0, 'the denied command never connected');
    const cards = view.frame.locator('details.cmd summary');
    assert.match((await cards.first().getAttribute('aria-label')) ?? '', /^Command node -e .*, declined$/, 'the denied command shows as declined');

    // the second request: Allow once
    const second = view.frame.getByRole('group', { name: 'Run this command?' });
    await second.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await second.getByLabel('Command').innerText(), COMMAND);
    assert.match(await second.innerText(), /It needs network access\./);
    await s.screenshot('escalation-prompt-again');
    await second.getByRole('button', { name: 'Allow once' }).click();

    await view.waitForText('The listener answered.', 90_000);
    await view.waitForIdle();
    assert.ok(listener.connections() >= 1, 'the allowed command reached the listener');
    const outs = await lastToolOutputs(s.fake);
    assert.ok(outs.some((o) => /^Exit code: 0\n[\s\S]*Output:\nconnected/.test(o)), `the model received "connected":\n${outs.join('\n---\n')}`);
    assert.equal(await view.frame.getByRole('group', { name: 'Run this command?' }).count(), 0, 'no prompt left');
    const ran = view.frame.locator('details.cmd').last();
    assert.match((await ran.locator('summary').getAttribute('aria-label')) ?? '', /^Command node -e .*, exit 0 after /);
    assert.equal((await ran.locator('.card-meta .badge').first().innerText()).trim(), expectedBadge);
  });
});
