import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeMention, completeMention } from '../../../webview/components/composer/mentions';

test('the active mention is the @word before the caret', () => {
  assert.deepEqual(activeMention('see @src/ag', 11), { start: 4, query: 'src/ag' });
  assert.deepEqual(activeMention('@', 1), { start: 0, query: '' });
  assert.equal(activeMention('mail me@host.com', 16), undefined, 'an email address is not a mention');
  assert.equal(activeMention('@done and more', 14), undefined, 'a space ends the mention');
  assert.equal(activeMention('no mention', 5), undefined);
});

test('completing a mention replaces the typed query with the path', () => {
  const text = 'look at @ar please';
  const caret = 11;
  const m = activeMention(text, caret)!;
  const out = completeMention(text, caret, m, 'src/cli/args.ts');
  assert.equal(out.text, 'look at @src/cli/args.ts please');
  assert.equal(out.text.slice(0, out.caret), 'look at @src/cli/args.ts ');
});
