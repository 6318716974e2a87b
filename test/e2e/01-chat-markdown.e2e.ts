// Scenario 1: send a message; the reply streams in and renders as markdown, including a
// fenced code block (rendered as <pre><code>, not as literal backticks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

// Long enough (and slow enough: ~60 chunks, 40 ms apart) that the test sees it arrive in parts.
const REPLY = [
  '## Plan',
  '',
  'Here is **bold advice** and a list:',
  '',
  '- first item',
  '- second item',
  '',
  '```ts',
  'export const answer: number = 42;',
  '```',
  '',
  'That is all for now.',
].join('\n');

test('send a message: streamed markdown with a code block', { timeout: 240_000 }, async (t) => {
  const rules = [{ when: { userContains: 'show me markdown' }, reply: { text: REPLY, chunkSize: 3, chunkDelayMs: 40 } }];
  await withTandem(t, { rules }, async (s) => {
    const view = await s.webview();
    await view.send('Please show me markdown');

    // Streaming: some state where the agent message has part of the reply but not all of it.
    const seen = new Set<number>();
    await waitUntil('the complete reply', async () => {
      const text = await view.lastAgentText().catch(() => '');
      if (text) seen.add(text.length);
      return text.includes('That is all for now.');
    }, 60_000, 50);
    assert.ok(seen.size >= 2, `expected the reply to arrive in parts; saw lengths ${[...seen].join(', ')}`);

    await view.waitForIdle();
    const message = view.agentMessages.last();
    // markdown rendered: a heading, bold, a list, and the fenced block as <pre><code>
    assert.equal(await message.getByRole('heading', { name: 'Plan' }).count(), 1, 'heading rendered');
    assert.equal(await message.locator('strong', { hasText: 'bold advice' }).count(), 1, 'bold rendered');
    assert.equal(await message.getByRole('listitem').count(), 2, 'list rendered');
    const code = message.locator('pre code');
    assert.equal(await code.count(), 1, 'one code block');
    assert.match(await code.innerText(), /export const answer: number = 42;/);
    assert.doesNotMatch(await message.innerText(), /```/, 'no literal fences');
    assert.equal(await view.userMessages.last().innerText(), 'Please show me markdown');

    const requests = await s.fake.modelRequests();
    assert.ok(
      requests.some((r) => r.input.some((e) => e.type === 'message' && e.role === 'user' && e.content.includes('Please show me markdown'))),
      'the fake model server received the message',
    );
  });
});
