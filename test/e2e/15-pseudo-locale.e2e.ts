// Every visible string is localized: VS Code runs in a pseudo-locale (qps-ploc) whose
// bundles wrap each English string in ⟦ ⟧ (made here from l10n/bundle.l10n.json and
// package.nls.json and placed in the installed extension), and the main views are
// walked: setup, the first screen, a chat with a command card and an approval, the
// Changes area, a subagent's card (closed and open), a queued and a steered message,
// and History. Any visible text node of the webview without a marker, and
// not marked as data (translate="no": paths, code, model text, commands), fails the test.
// code-server resolves a locale only through an installed language pack, so the test
// registers an empty one for qps-ploc (VS Code's own strings stay English; Tandem's are
// the pseudo ones).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { withTandem } from './harness';
import { repoRoot } from './paths';

const LOCALE = 'qps-ploc';
const pseudo = (s: string) => `⟦${s}⟧`;
const wrapAll = (file: string) => Object.fromEntries(Object.entries(JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, string>).map(([k, v]) => [k, pseudo(v)]));

function prepare({ userDataDir, extensionsDir }: { userDataDir: string; extensionsDir: string }) {
  const ext = readdirSync(extensionsDir).find((d) => d.startsWith('tandem-dev.tandem-'));
  assert.ok(ext, 'Tandem is installed');
  const dir = path.join(extensionsDir, ext);
  mkdirSync(path.join(dir, 'l10n'), { recursive: true });
  writeFileSync(path.join(dir, 'l10n', `bundle.l10n.${LOCALE}.json`), JSON.stringify(wrapAll('l10n/bundle.l10n.json')));
  writeFileSync(path.join(dir, `package.nls.${LOCALE}.json`), JSON.stringify(wrapAll('package.nls.json')));
  // an empty language pack, so the workbench resolves the locale instead of falling back to English
  const translations = path.join(userDataDir, 'pseudo-language-pack.json');
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  // the pack names an installed extension (Tandem) as its owner: the workbench then never
  // looks the pack up in a gallery
  const owner = { extensionIdentifier: { id: 'tandem-dev.tandem' }, version: ext.replace('tandem-dev.tandem-', '') };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [LOCALE]: { hash: 'tandem-pseudo', extensions: [owner], translations: { vscode: translations }, label: 'Pseudo' } }));
}

/** Visible text nodes of the webview that carry no marker and are not data. */
function unlocalized(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.nodeValue ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('[translate="no"], script, style, textarea, option[value]:not([title]) ')) continue;
      if (el.closest('select[translate="no"]')) continue;
      if (/^[\d\s%+−\-–·.,:;/$()…→@|]*$/.test(text)) continue; // numbers and punctuation only
      const box = el.getBoundingClientRect();
      const hidden = !el.closest('.offscreen') && (box.width === 0 || box.height === 0);
      if (hidden) continue;
      if (!text.includes('⟦') && !text.includes('⟧')) bad.push(`${el.tagName.toLowerCase()}.${el.className}: ${text}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder]')) {
      const p = el.getAttribute('placeholder') ?? '';
      if (p && !p.includes('⟦') && !/^https?:/.test(p)) bad.push(`placeholder: ${p}`);
    }
    return bad;
  });
}

const RULES = [
  // a subagent (its instructions carry the role preamble): it answers and is done
  { when: { instructionsContain: 'Role: worker', userContains: 'worker C' }, reply: { text: 'Nothing in src/one.ts needs a change.' } },
  { when: { userContains: '[Subagents]' }, reply: { text: 'The subagent is done.' } },
  { when: { userContains: 'one subagent' }, reply: { toolCalls: [{ name: 'spawn_agent', arguments: { message: 'worker C: look at src/one.ts' } }] } },
  // a long answer to type beside: a queued message, then a steer
  { when: { userContains: 'long story' }, reply: { text: Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '), chunkSize: 4, chunkDelayMs: 25 } },
  { when: { userContains: 'Use short words' }, reply: { text: 'Short words it is.' } },
  { when: { userContains: 'Then say bye' }, reply: { text: 'Bye for now.' } },
  { when: { userContains: 'show code' }, reply: { text: 'Here:\n\n```ts\nconst a = 1;\n```\n', toolCalls: [{ name: 'shell', arguments: { command: `node -e "console.log(6 * 7)"` } }] } },
  { when: { userContains: 'two files' }, reply: { text: 'Staged.', toolCalls: [{ name: 'apply_patch', arguments: { patch: '*** Begin Patch\n*** Add File: src/one.ts\n+export const one = 1;\n*** Add File: src/two.ts\n+export const two = 2;\n*** End Patch' } }] } },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'Done with that.' } },
];

test('pseudo-locale: every visible string of the main views is localized', { timeout: 480_000 }, async (t) => {
  // any gallery lookup the workbench still makes goes to a closed local port, never outside
  process.env.EXTENSIONS_GALLERY = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' });
  const settings = { 'tandem.provider': 'openai', 'tandem.approvalPolicy': 'untrusted' };
  await withTandem(t, { rules: RULES, settings, args: ['--locale', LOCALE], prepare, viewTitle: pseudo('Tandem') }, async (s) => {
    const view = await s.webview();
    const check = async (where: string) => {
      const bad = await unlocalized(view.frame);
      assert.deepEqual(bad, [], `${where}: visible strings without the pseudo-locale markers`);
    };
    assert.equal(await view.frame.evaluate(() => document.documentElement.lang), LOCALE, 'the webview runs in the pseudo-locale');

    const form = view.frame.getByRole('form', { name: pseudo('Set up Tandem') });
    await form.waitFor({ state: 'visible', timeout: 30_000 });
    await check('setup');
    await form.getByRole('textbox', { name: pseudo('API key') }).fill('sk-e2e-pseudo-0123456789');
    await form.getByRole('button', { name: pseudo('Save') }).click();

    await view.frame.getByRole('region', { name: pseudo('Getting started') }).waitFor({ state: 'visible', timeout: 30_000 });
    await check('first screen');

    const composer = view.frame.getByRole('textbox', { name: pseudo('Message Tandem') });
    await composer.fill('Please show code');
    await view.frame.getByRole('button', { name: pseudo('Send') }).click();
    const prompt = view.frame.getByRole('group', { name: pseudo('Run this command?') });
    await prompt.waitFor({ state: 'visible', timeout: 60_000 });
    await check('chat with an approval');
    await s.screenshot('approval');
    await prompt.getByRole('button', { name: pseudo('Allow once') }).click();
    await view.waitForText('Done with that.', 150_000);
    await view.frame.getByRole('button', { name: pseudo('Send') }).waitFor({ state: 'visible', timeout: 60_000 });
    await check('chat with a command card');

    await composer.fill('Please add two files');
    await view.frame.getByRole('button', { name: pseudo('Send') }).click();
    const area = view.frame.getByRole('region', { name: pseudo('Staged changes') });
    await area.waitFor({ state: 'visible', timeout: 90_000 });
    await area.locator('.changes-toggle').click();
    await area.getByRole('button', { name: 'src/one.ts', exact: true }).click();
    await check('Changes');
    await s.screenshot('changes');

    // a subagent's card, closed and then showing its work
    await composer.fill('Please use one subagent');
    await view.frame.getByRole('button', { name: pseudo('Send') }).click();
    await view.waitForText('The subagent is done.', 150_000);
    await view.frame.getByRole('button', { name: pseudo('Send') }).waitFor({ state: 'visible', timeout: 60_000 });
    const card = view.frame.locator('.card.subagent');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await check('subagent card');
    await card.locator('.subagent-toggle').click();
    await card.getByText('Nothing in src/one.ts needs a change.').first().waitFor({ state: 'visible', timeout: 30_000 });
    await check('subagent card with its work');

    // typing while a turn runs: a queued message above the composer, then a steer
    await composer.fill('Tell me a long story');
    await view.frame.getByRole('button', { name: pseudo('Send') }).click();
    await view.waitForText('word10', 60_000);
    await composer.fill('Then say bye');
    await composer.press('Enter');
    await view.frame.getByRole('region', { name: pseudo('Queued messages') }).getByText('Then say bye').waitFor({ state: 'visible', timeout: 30_000 });
    await check('a queued message while a turn runs');
    await composer.fill('Use short words');
    await view.frame.getByRole('button', { name: pseudo('Steer') }).click();
    await view.waitForText('Bye for now.', 120_000);
    await view.frame.getByRole('button', { name: pseudo('Send') }).waitFor({ state: 'visible', timeout: 60_000 });
    await check('a steered message');

    await s.titleAction(pseudo('Open History'));
    await view.frame.getByRole('region', { name: pseudo('Chat history') }).waitFor({ state: 'visible', timeout: 30_000 });
    await check('History');
  });
});
