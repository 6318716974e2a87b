// Scenario 5: the model server answers 500; the chat shows an error item with Retry;
// once the server is healthy again, Retry re-runs the turn and the reply shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

test('a 500 from the server shows an error item and Retry works', { timeout: 300_000 }, async (t) => {
  // Every request fails until the test swaps the rules. The client retries a 500 on its
  // own first; retry-after-ms keeps its backoff short.
  const failing = { rules: [], defaultReply: { status: 500, message: 'fake upstream exploded', retryAfterMs: 50 } };
  await withTandem(t, { rules: failing }, async (s) => {
    const view = await s.webview();
    await view.send('Say something despite the flaky server');

    const error = view.frame.getByRole('group', { name: 'Error' });
    await error.waitFor({ state: 'visible', timeout: 120_000 });
    const failedRequests = (await s.fake.modelRequests()).length;
    assert.ok(failedRequests >= 1, 'the server saw the request');
    await view.waitForIdle();
    await s.screenshot('error');
    const retry = error.getByRole('button', { name: 'Retry' });
    await retry.waitFor({ state: 'visible' });

    await s.fake.setRules([{ reply: { text: 'Recovered after the retry.' } }]);
    await retry.click();
    await view.waitForText('Recovered after the retry.', 60_000);
    await view.waitForIdle();

    // the retry re-sent the same user message
    const requests = await waitUntil('the retried request', async () => {
      const reqs = await s.fake.modelRequests();
      return reqs.length > failedRequests ? reqs : undefined;
    });
    const last = requests[requests.length - 1];
    const copies = last.input.filter(
      (e) => e.type === 'message' && e.role === 'user' && e.content.includes('Say something despite the flaky server'),
    ).length;
    // the model sees the message once: a retry re-runs the failed turn, it does not repeat it
    assert.equal(copies, 1, `the retried request carries the user message once:\n${JSON.stringify(last.input, null, 1)}`);
    // the latest item is no longer an error offering Retry
    assert.equal(await view.button('Retry').count(), 0, 'no Retry button after a successful retry');
  });
});
