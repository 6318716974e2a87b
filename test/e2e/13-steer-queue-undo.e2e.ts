// Scenario 12 (issue 13) in real VS Code: typing while an answer streams and steering it
// (the steered message reaches that turn's next request, and the chat marks it); a
// queued message shown above the composer and sent after the turn; "Undo this turn"
// emptying the Changes area; a pasted image (a real paste event carrying a PNG through
// Playwright) shown as a thumbnail and carried by the request; a notification for an
// approval while the Tandem view is hidden.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { makeImage } from '../fakes/images';

const LONG = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
const lastUser = (input: { type: string; role?: string; content?: string }[]) => input.filter((e) => e.type === 'message' && e.role === 'user').at(-1)?.content;

test('steer a streaming answer, and queue a message for after the turn', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'long story' }, reply: { text: LONG, chunkSize: 4, chunkDelayMs: 25 } },
    { when: { userContains: 'Use short words' }, reply: { text: 'Short words it is.' } },
    { when: { userContains: 'Then say bye' }, reply: { text: 'Bye for now.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Tell me a long story');
    await view.waitForText('word10', 60_000);
    // the composer stays usable: Enter queues, Ctrl+Enter steers
    await view.composer.fill('Then say bye');
    await view.composer.press('Enter');
    await view.frame.getByRole('region', { name: 'Queued messages' }).getByText('Then say bye').waitFor({ state: 'visible', timeout: 30_000 });
    await view.composer.fill('Use short words');
    await view.button('Steer').click();
    await s.screenshot('queued-and-steering');

    await view.waitForText('Short words it is.', 90_000);
    await view.waitForText('Bye for now.', 90_000);
    await view.waitForIdle();
    const reqs = await s.fake.modelRequests();
    const steered = reqs.find((r) => lastUser(r.input) === 'Use short words');
    assert.ok(steered, 'the steered message reached a request');
    assert.equal(lastUser(steered!.input.slice(0, -1)), 'Tell me a long story', 'in the same turn, after the first message');
    assert.equal(lastUser(reqs.at(-1)!.input), 'Then say bye', 'the queued message became the next turn');
    await view.frame.getByRole('article', { name: 'You steered' }).waitFor({ state: 'visible' });
    await view.waitForText('Steered while Tandem worked');
    assert.equal(await view.frame.getByRole('region', { name: 'Queued messages' }).count(), 0, 'the queue is empty');
  });
});

test('Undo this turn empties the Changes area of that turn\'s changes', { timeout: 300_000 }, async (t) => {
  const patch = '*** Begin Patch\n*** Add File: src/extra.ts\n+export const extra = 1;\n*** End Patch';
  const rules = [
    { when: { userContains: 'add a file' }, reply: { toolCalls: [{ name: 'apply_patch', arguments: { patch } }] } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'Added src/extra.ts for review.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Please add a file');
    await view.waitForText('Added src/extra.ts for review.', 90_000);
    await view.waitForIdle();
    const changes = view.frame.getByRole('region', { name: 'Staged changes' });
    await changes.getByText('1 file changed').waitFor({ state: 'visible', timeout: 30_000 });
    await view.button('Undo this turn').click();
    await changes.waitFor({ state: 'hidden', timeout: 30_000 });
    await view.waitForText('Turn undone', 10_000);
  });
});

test('a pasted image shows as a thumbnail and the request carries it', { timeout: 300_000 }, async (t) => {
  const png = Buffer.from(await makeImage('image/png', 40, 20)).toString('base64');
  await withTandem(t, { rules: [{ when: { userContains: 'picture' }, reply: { text: 'A small gradient.' } }] }, async (s) => {
    const view = await s.webview();
    await view.composer.waitFor({ state: 'visible', timeout: 30_000 });
    // a real paste event with an image file in its clipboard data
    await view.composer.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'shot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png);
    const thumb = view.frame.getByRole('img', { name: 'shot.png (40×20)' });
    await thumb.waitFor({ state: 'visible', timeout: 30_000 });
    await view.button('Remove shot.png').waitFor({ state: 'visible' });
    await view.send('What is in this picture?');
    await view.waitForText('A small gradient.', 60_000);
    const req = (await s.fake.modelRequests()).at(-1)!;
    const images = req.input.flatMap((e) => (e.type === 'message' ? (e.images ?? []) : []));
    assert.deepEqual(images.map((i) => [i.mime, i.width, i.height]), [['image/png', 40, 20]]);
  });
});

test('an approval while the Tandem view is hidden shows a notification', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'slowly run' }, reply: { text: 'Thinking about it. ', chunkDelayMs: 400, chunkSize: 2, toolCalls: [{ name: 'shell', arguments: { command: 'node -e "1"' } }] } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'Done.' } },
  ];
  await withTandem(t, { rules, settings: { 'tandem.approvalPolicy': 'untrusted' } }, async (s) => {
    const view = await s.webview();
    await view.send('Please slowly run node');
    // hide the Tandem view (the Explorer takes the side bar) before the approval arrives
    await s.page.locator('.part.activitybar li[role="tab"]:has(> .action-label[aria-label^="Explorer"])').first().click();
    const toast = s.page.locator('.notifications-toasts').getByText(/Tandem needs your approval to run/);
    await toast.waitFor({ state: 'visible', timeout: 90_000 });
    await s.screenshot('approval-notification');
    await waitUntil('the model to be waiting', async () => ((await s.fake.modelRequests()).length >= 1 ? true : undefined), 10_000);
  });
});
