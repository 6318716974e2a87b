// A long session opened from History: the view shows its newest turn first (only the
// newest items are sent), scrolling to the top pages every older item in from the host,
// down to the session's first message, and the resumed session takes a new turn.
// The session log is the bench's fixture (bench/fixtures/longSession.ts), 25 turns of
// 20 items, written into the extension's globalStorage as a previous window would have.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { withTandem, waitUntil } from './harness';
import { EXTENSION_ID } from './webview';
import { buildLongSession, LONG_SESSION_TITLE, NEWEST_MARKER, writeLongSession } from '../../bench/fixtures/longSession';

const TURNS = 25; // 500 items: the first snapshot carries the newest 200

test('a long session opens at its newest turn and scrolling up pages in every older item', { timeout: 300_000 }, async (t) => {
  const rules = [{ when: { userContains: 'after paging' }, reply: { text: 'Continued after paging.' } }];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    const session = buildLongSession(s.server.workspace, TURNS);
    writeLongSession(path.join(s.server.userDataDir, 'User/globalStorage', EXTENSION_ID), session);

    await s.titleAction('Open History');
    const history = view.frame.getByRole('region', { name: 'Chat history' });
    const entry = history.getByRole('button', { name: new RegExp(`^${LONG_SESSION_TITLE}`) });
    await entry.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await entry.innerText(), new RegExp(`${session.items.length} items`));
    await entry.click();

    await view.waitForText(NEWEST_MARKER, 30_000);
    const firstMessage = view.userMessages.filter({ hasText: LONG_SESSION_TITLE });
    assert.equal(await firstMessage.count(), 0, 'the first turn is not sent with the first snapshot');
    await s.screenshot('long-session-open');

    // scroll to the top until the session's first message is rendered: each time the top
    // is reached the list asks the host for the next older page
    const log = view.frame.getByRole('log', { name: 'Conversation' });
    await waitUntil(
      'the first message of the session after paging up',
      async () => {
        await log.evaluate((el) => {
          el.scrollTop = 0;
        });
        return (await firstMessage.count()) > 0;
      },
      120_000,
      300,
    );
    assert.equal(await view.frame.getByText('Loading earlier messages…').count(), 0, 'nothing left to load at the top');
    // pages are contiguous and in order (unit-tested in test/unit/host/sessionItems.test.ts);
    // here: the first message is followed by the second turn, not by a later one
    const texts = (await view.userMessages.allInnerTexts()).map((x) => x.trim());
    const at = texts.findIndex((x) => x.includes(LONG_SESSION_TITLE));
    const next = texts.slice(at + 1).find((x) => /Turn \d+:/.test(x));
    if (next !== undefined) assert.match(next, /Turn 1:/, `after the first message: ${next.slice(0, 60)}`);
    await s.screenshot('long-session-top');

    // the resumed session takes a new turn
    await view.send('One more thing after paging');
    await view.waitForText('Continued after paging.', 60_000);
    await view.waitForIdle();
    const requests = await s.fake.modelRequests();
    assert.ok(requests.length >= 1, 'the resumed session asked the model');
  });
});
