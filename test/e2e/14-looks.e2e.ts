// How a new user sees Tandem, in the light, dark and high-contrast themes: the setup
// screen, the first screen of an empty chat, a chat with a highlighted code block, an
// approval, a 10-file change in the Changes area with a highlighted diff, and History.
// Each state is saved as test-results/e2e/looks-<theme>-<state>.png (the side bar only);
// docs/images holds two of them for the README. Also checked here, in real VS Code:
// the finished code block and the diff carry highlighted tokens in more than one colour,
// and a 10-file change fits the Changes area without scrolling on a 1280 x 800 screen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { updatePatch } from './editorHelpers';
import { waitUntil, withTandem, type TandemSession } from './harness';
import { resultsDir } from './paths';

const THEMES = [
  { id: 'light', name: 'Default Light Modern' },
  { id: 'dark', name: 'Default Dark Modern' },
  { id: 'hc', name: 'Default High Contrast' },
] as const;

const CODE_REPLY = [
  'Here is the helper, with a test:',
  '',
  '```ts',
  '// Sums the values; an empty list sums to 0.',
  'export function sum(values: number[]): number {',
  "  return values.reduce((total, v) => total + v, 0);",
  '}',
  '```',
  '',
  'It is staged nowhere yet: say the word and I will add it.',
].join('\n');

/** One modified file and nine added ones: ten rows in the Changes area. */
function tenFilePatch(): string {
  const mod = updatePatch('src/math.ts', [
    { context: ['export function add(a: number, b: number): number {'], remove: ['  return a + b;'], add: ['  // integers only: callers round first', '  return Math.trunc(a) + Math.trunc(b);'] },
  ]);
  const adds = Array.from({ length: 9 }, (_, i) => [`*** Add File: src/util/part${i + 1}.ts`, `+export const part${i + 1} = '${i + 1}';`].join('\n'));
  return mod.replace(/\n\*\*\* End Patch$/, `\n${adds.join('\n')}\n*** End Patch`);
}

const RULES = [
  { when: { userContains: 'sum helper' }, reply: { text: CODE_REPLY } },
  { when: { userContains: 'run node' }, reply: { toolCalls: [{ name: 'shell', arguments: { command: `node -e "console.log(6 * 7)"` } }] } },
  { when: { userContains: 'ten files' }, reply: { text: 'Staging ten files.', toolCalls: [{ name: 'apply_patch', arguments: { patch: tenFilePatch() } }] } },
  { when: { toolOutputContains: '42' }, reply: { text: 'Node says 42.' } },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'The ten files are staged for your review.' } },
];

async function shoot(page: Page, frame: Frame, theme: string, state: string): Promise<void> {
  await page.mouse.move(900, 500); // no hover tooltip in the picture
  // the codicon font loads on first use: wait for it in the webview frame
  await frame.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.locator('.part.sidebar').screenshot({ path: path.join(resultsDir, `looks-${theme}-${state}.png`) });
}

/** Distinct computed colours of the highlighted tokens under `root`. */
async function tokenColours(root: Locator): Promise<string[]> {
  return root.evaluate((el) => [...new Set([...el.querySelectorAll('[class*="tk-"]')].map((t) => getComputedStyle(t).color))]);
}

async function tour(s: TandemSession, theme: string): Promise<void> {
  await s.page.setViewportSize({ width: 1280, height: 800 });
  const view = await s.webview();
  const form = view.frame.getByRole('form', { name: 'Set up Tandem' });
  await form.waitFor({ state: 'visible', timeout: 30_000 });
  await shoot(s.page, view.frame, theme, 'setup');
  await form.getByRole('textbox', { name: 'API key' }).fill('sk-e2e-looks-0123456789');
  await form.getByRole('button', { name: 'Save' }).click();

  // the first screen of an empty chat
  const first = view.frame.getByRole('region', { name: 'Getting started' });
  await first.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await first.getByRole('button').count(), 3, 'three example prompts');
  await shoot(s.page, view.frame, theme, 'first-screen');
  await first.getByRole('button').first().click();
  // the composer takes the prompt on its next render: wait for it rather than read at once
  await waitUntil('an example prompt fills the composer', async () => /organised/.test(await view.composer.inputValue()), 15_000);

  // a chat with a finished, highlighted code block
  await view.send('Please write a sum helper');
  await view.waitForText('say the word', 60_000);
  await view.waitForIdle();
  const code = view.agentMessages.last().locator('pre code');
  await code.waitFor({ state: 'visible' });
  const codeColours = await tokenColours(code);
  assert.ok(codeColours.length > 1, `the finished code block has highlighted tokens in more than one colour: ${codeColours.join(', ')}`);
  await shoot(s.page, view.frame, theme, 'chat');

  // an approval (the policy asks before commands that are not known safe)
  await view.send('Please run node');
  const prompt = view.frame.getByRole('group', { name: 'Run this command?' });
  await prompt.waitFor({ state: 'visible', timeout: 60_000 });
  await shoot(s.page, view.frame, theme, 'approval');
  await prompt.getByRole('button', { name: 'Allow once' }).click();
  await view.waitForText('Node says 42.', 150_000); // the sandbox's first start is slow on a busy machine
  await view.waitForIdle();

  // a 10-file change: every row fits without scrolling; one diff highlighted
  await view.send('Please change ten files');
  await view.waitForText('The ten files are staged for your review.', 90_000);
  await view.waitForIdle();
  const area = view.frame.getByRole('region', { name: 'Staged changes' });
  await area.getByRole('button', { name: '10 files changed' }).click();
  const list = area.locator('.changes-list');
  await list.waitFor({ state: 'visible' });
  const fits = await list.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  assert.ok(fits.scroll <= fits.client + 1, `10 files fit without scrolling (list ${fits.scroll}px, room ${fits.client}px)`);
  await shoot(s.page, view.frame, theme, 'changes-list');
  await area.getByRole('button', { name: 'src/math.ts', exact: true }).click();
  const diff = area.locator('.diff').first();
  await diff.waitFor({ state: 'visible' });
  const diffColours = await tokenColours(diff);
  assert.ok(diffColours.length > 1, `the diff has highlighted tokens in more than one colour: ${diffColours.join(', ')}`);
  // per-hunk actions appear on hover and focus
  await area.getByRole('button', { name: 'Apply hunk 1 of 1 in src/math.ts' }).focus();
  await shoot(s.page, view.frame, theme, 'changes');

  // History, from the view's title bar
  await s.titleAction('Open History');
  await view.frame.getByRole('region', { name: 'Chat history' }).waitFor({ state: 'visible', timeout: 30_000 });
  await shoot(s.page, view.frame, theme, 'history');
}

for (const theme of THEMES) {
  test(`looks: setup, first screen, chat, approval, changes and history in the ${theme.id} theme`, { timeout: 480_000 }, async (t) => {
    const settings = { 'tandem.provider': 'openai', 'tandem.approvalPolicy': 'untrusted', 'workbench.colorTheme': theme.name };
    await withTandem(t, { rules: RULES, settings }, (s) => tour(s, theme.id));
  });
}
