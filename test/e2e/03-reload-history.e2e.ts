// Scenario 3: a two-turn session survives a window reload (page.reload) and is listed
// in History; opening it from History resumes it, and the next turn carries the earlier
// turns to the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTandem } from './harness';

const FIRST = 'First question about alpha';
const SECOND = 'Second question about beta';

test('a multi-turn session survives a reload and appears in history', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'alpha' }, reply: { text: 'Answer one about alpha.' } },
    { when: { userContains: 'beta' }, reply: { text: 'Answer two about beta.' } },
    { when: { userContains: 'gamma' }, reply: { text: 'Answer three about gamma.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    let view = await s.webview();
    await view.send(FIRST);
    await view.waitForText('Answer one about alpha.', 60_000);
    await view.waitForIdle();
    await view.send(SECOND);
    await view.waitForText('Answer two about beta.', 60_000);
    await view.waitForIdle();

    await s.reload();
    view = await s.webview();
    // the open session is restored, both turns in order
    const restored = await view.waitForText('Answer two about beta.', 60_000);
    assert.ok(restored.indexOf(FIRST) < restored.indexOf('Answer one about alpha.'));
    assert.ok(restored.indexOf('Answer one about alpha.') < restored.indexOf(SECOND));
    assert.equal(await view.userMessages.count(), 2);
    assert.equal(await view.agentMessages.count(), 2);
    await s.screenshot('after-reload');

    // start a fresh chat, then find the old one in History and resume it
    // New chat and History are the view's title-bar actions (one header)
    await s.titleAction('New Chat');
    await view.waitForText('Ask Tandem to explain, fix or build something');
    assert.equal(await view.userMessages.count(), 0, 'New chat is empty');
    await s.titleAction('Open History');
    const history = view.frame.getByRole('region', { name: 'Chat history' });
    await history.waitFor({ state: 'visible' });
    const entry = history.getByRole('button', { name: new RegExp(`^${FIRST}`) });
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await entry.innerText(), /4 items/, 'two user and two agent messages');
    await s.screenshot('history');
    await entry.click();

    await view.waitForText('Answer two about beta.', 30_000);
    assert.equal(await view.userMessages.count(), 2, 'the resumed session shows both turns');
    await view.send('Third question about gamma');
    await view.waitForText('Answer three about gamma.', 60_000);
    await view.waitForIdle();

    const requests = await s.fake.modelRequests();
    const last = requests[requests.length - 1];
    const said = last.input.flatMap((e) => (e.type === 'message' ? [`${e.role}: ${e.content}`] : []));
    for (const expected of [FIRST, 'Answer one about alpha.', SECOND, 'Answer two about beta.', 'Third question about gamma']) {
      assert.ok(said.some((m) => m.includes(expected)), `the resumed turn sent "${expected}" to the model:\n${said.join('\n')}`);
    }
  });
});
