// Scenario 6: Stop ends a long stream. After Stop the turn ends (Send is back), no more
// text arrives, and the fake server saw the client abort the request. The time Stop took
// is printed, not asserted tightly (shared, noisy machines); a generous bound checks that
// Stop itself ended the stream rather than the stream running out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

// ~6000 chunks 30 ms apart: minutes of streaming unless something stops it.
const LONG = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');

test('Stop ends a long stream', { timeout: 240_000 }, async (t) => {
  const rules = [{ when: { userContains: 'long story' }, reply: { text: LONG, chunkSize: 3, chunkDelayMs: 30 } }];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Tell me a long story');

    await view.waitForText('word20', 60_000);
    const stop = view.button('Stop');
    await stop.waitFor({ state: 'visible' });
    const before = Date.now();
    await stop.click();
    await view.waitForIdle(20_000);
    const took = Date.now() - before;
    console.log(`[e2e] Stop took effect after ${took} ms (clicked to Send back)`);

    const atStop = await view.lastAgentText();
    assert.ok(!atStop.includes('word1999'), 'the stream was cut short, not finished');
    // nothing arrives after the turn ended
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await view.lastAgentText(), atStop, 'no more text after Stop');

    const requests = await waitUntil('the fake server to record the abort', async () => {
      const reqs = await s.fake.modelRequests();
      return reqs.length > 0 && reqs[reqs.length - 1].clientClosed ? reqs : undefined;
    }, 10_000);
    assert.equal(requests[requests.length - 1].clientClosed, true);
    // generous: the stream alone would run for minutes
    assert.ok(took < 15_000, `Stop took ${took} ms`);
  });
});
