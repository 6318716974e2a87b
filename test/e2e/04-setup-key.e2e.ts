// Scenario 4: provider OpenAI (base URL: the fake server) and no key: the view shows the
// setup screen, not a broken chat. Pasting a key and saving reaches the chat, and the
// model requests carry the key; the key is not written to settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

const KEY = 'sk-e2e-0123456789abcdef';

test('no key: the setup screen; saving a key reaches the chat', { timeout: 240_000 }, async (t) => {
  const rules = [{ when: { userContains: 'hello' }, reply: { text: 'Hello, you are set up.' } }];
  await withTandem(t, { rules, settings: { 'tandem.provider': 'openai' } }, async (s) => {
    const view = await s.webview();
    const form = view.frame.getByRole('form', { name: 'Set up Tandem' });
    await form.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await form.innerText(), /API key/);
    assert.equal(await view.composer.count(), 0, 'no composer while setup is needed');
    assert.equal(await form.getByRole('radio', { name: /OpenAI/ }).first().isChecked(), true);
    await s.screenshot('setup');

    await form.getByRole('textbox', { name: 'API key' }).fill(KEY);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const status = form.getByRole('status');
    await waitUntil('the connection test result', async () => {
      const text = (await status.innerText()).trim();
      return text && !/Testing/.test(text) ? text : undefined;
    });
    assert.doesNotMatch(await status.getAttribute('class') ?? '', /error/, `test connection failed: ${await status.innerText()}`);

    await form.getByRole('button', { name: 'Save' }).click();
    await view.composer.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await form.count(), 0, 'the setup screen is gone');

    await view.send('hello there');
    await view.waitForText('Hello, you are set up.', 60_000);
    const requests = await s.fake.modelRequests();
    assert.ok(requests.length > 0);
    assert.equal(requests[requests.length - 1].headers.authorization, `Bearer ${KEY}`, 'the model request carries the key');

    const settings = readFileSync(path.join(s.server.userDataDir, 'User/settings.json'), 'utf8');
    assert.ok(!settings.includes(KEY), 'the key is not in settings.json');
  });
});
