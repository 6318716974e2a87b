// The composer's slash commands and skills in real VS Code:
// - `/` lists the built-in commands and a custom prompt from the workspace's
//   .tandem/prompts; a custom prompt is sent with $ARGUMENTS filled in;
// - `/compact focus` compacts now: the model is asked for a summary that keeps the focus,
//   and the chat shows the compaction item;
// - `$` lists a skill of the workspace and attaches it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem, type Webview } from './harness';

const BUILTINS = ['/new', '/compact', '/review', '/skills', '/mcp', '/model', '/effort', '/init'];

function write(root: string, rel: string, text: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

/** Types into the composer key by key, so the caret moves as a user's would. */
async function type(view: Webview, text: string) {
  await view.composer.click();
  await view.composer.pressSequentially(text, { delay: 20 });
}

async function optionNames(view: Webview, list: string): Promise<string[]> {
  const box = view.frame.getByRole('listbox', { name: list });
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  await waitUntil(`the ${list} list to fill`, async () => (await box.getByRole('option').count()) > 0, 30_000);
  return (await box.getByRole('option').allInnerTexts()).map((t) => t.split(/\s/)[0]);
}

test('/ completes the built-in commands and custom prompts; /compact compacts; $ attaches a skill', { timeout: 300_000 }, async (t) => {
  const rules = [
    { when: { userContains: 'will be replaced by a summary' }, reply: { text: 'SUMMARY: the user greeted Tandem; keep the greeting.' } },
    { when: { userContains: 'Say hello to the e2e world' }, reply: { text: 'Hello, e2e world!' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    write(s.server.workspace, '.tandem/prompts/greet.md', '---\ndescription: Greet someone\nargument-hint: "[who]"\n---\nSay hello to $ARGUMENTS.');
    write(s.server.workspace, '.tandem/skills/e2eskill/SKILL.md', '---\nname: e2eskill\ndescription: A skill for the end-to-end test\n---\nSay "skill loaded".');
    const view = await s.webview();
    await view.send('hello there');
    await view.waitForText('Done.', 60_000);
    await view.waitForIdle();

    // `/`: every built-in command, then the custom prompt
    await type(view, '/');
    const names = await optionNames(view, 'Commands');
    assert.deepEqual(names, [...BUILTINS, '/greet'], names.join(' '));
    assert.match(await view.frame.getByRole('listbox', { name: 'Commands' }).innerText(), /Greet someone/);
    await s.screenshot('commands');

    // a custom prompt: Tab completes the name, the rest is its $ARGUMENTS
    await type(view, 'gr');
    assert.deepEqual(await optionNames(view, 'Commands'), ['/greet']);
    await view.composer.press('Tab');
    assert.equal(await view.composer.inputValue(), '/greet ');
    await type(view, 'the e2e world');
    await view.composer.press('Enter');
    await view.waitForText('Hello, e2e world!', 60_000);
    await view.waitForIdle();
    assert.match(await view.userMessages.last().innerText(), /Say hello to the e2e world\./);

    // /compact with a focus: Enter on the whole name runs it at once
    await s.fake.clearRequests();
    await type(view, '/compact');
    await view.frame.getByRole('listbox', { name: 'Commands' }).waitFor({ state: 'visible' });
    await view.composer.press('Tab');
    await type(view, 'keep the greeting');
    await view.composer.press('Enter');
    const compaction = view.frame.locator('details.compaction');
    await compaction.waitFor({ state: 'visible', timeout: 60_000 });
    await waitUntil('the compaction to finish', async () => /Context compacted: \S+ → \S+ tokens/.test(await compaction.innerText()), 60_000);
    const asked = (await s.fake.modelRequests()).at(-1)!;
    const last = asked.input.at(-1);
    assert.ok(last?.type === 'message' && last.content.includes('The user asks the summary to keep, above all: keep the greeting'), JSON.stringify(last).slice(0, 400));
    await compaction.locator('summary').click();
    await view.waitForText('SUMMARY: the user greeted Tandem', 15_000);
    assert.equal(await view.composer.inputValue(), '', 'the command left the composer');
    await s.screenshot('compacted');

    // `$`: the workspace's skill; picking it attaches it
    await type(view, 'use $e2e');
    assert.deepEqual(await optionNames(view, 'Skills'), ['$e2eskill']);
    await view.composer.press('Enter');
    assert.equal(await view.composer.inputValue(), 'use $e2eskill ');
    await view.frame.getByRole('list', { name: 'Attached context' }).getByText('$e2eskill').waitFor({ state: 'visible', timeout: 10_000 });
  });
});
