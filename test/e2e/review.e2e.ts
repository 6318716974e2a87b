// Review before apply, in real VS Code: (a) the agent changes two files; one hunk is
// rejected from its CodeLens in the editor (the webview's per-hunk panel is another
// colleague's), the rest applied with "Apply All"; the disk matches exactly; Undo
// restores the file; the agent hears the decisions. (b) files edited on disk while a
// change is pending: the non-overlapping one merges, the overlapping one conflicts,
// is not overwritten and stays pending.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { codeLens, ghostTexts, notifications, openFile, readText, runCommand, updatePatch, waitForDisk } from './editorHelpers';

const numbered = (name: string, n: number) => Array.from({ length: n }, (_, i) => `export const ${name}${i + 1} = ${i + 1};\n`).join('');
const LONG = numbered('v', 30);
const OTHER = numbered('w', 10);
const MATH_OLD = '  return a + b;';
const MATH_NEW = '  return b + a; // staged by the agent';

function patchTwoFiles(): string {
  const long = updatePatch('src/long.ts', [
    { context: ['export const v2 = 2;'], remove: ['export const v3 = 3;'], add: ['export const v3 = 300;'] },
    { context: ['export const v26 = 26;'], remove: ['export const v27 = 27;'], add: ['export const v27 = 2700;'] },
  ]);
  const math = updatePatch('src/math.ts', [{ context: ['export function add(a: number, b: number): number {'], remove: [MATH_OLD], add: [MATH_NEW] }]);
  // one patch may hold several files: join the bodies
  return `${long.replace(/\n\*\*\* End Patch$/, '')}\n${math.replace(/^\*\*\* Begin Patch\n/, '')}`;
}

const rulesFor = (patch: string) => [
  { when: { userContains: 'change the files' }, reply: { text: 'Staging the change.', toolCalls: [{ name: 'apply_patch', arguments: { patch } }] } },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'The change is staged for your review.' } },
  { when: { userContains: 'thanks' }, reply: { text: 'You are welcome.' } },
];

test('review: reject one hunk in the editor, apply the rest, disk exact, undo restores', { timeout: 300_000 }, async (t) => {
  await withTandem(t, { rules: rulesFor(patchTwoFiles()) }, async (s) => {
    const ws = s.server.workspace;
    writeFileSync(path.join(ws, 'src/long.ts'), LONG);
    const mathBefore = readText(ws, 'src/math.ts');
    const view = await s.webview();
    await view.send('Please change the files');
    await view.waitForText('The change is staged for your review.', 90_000);
    await view.waitForIdle();
    assert.equal(readText(ws, 'src/long.ts'), LONG, 'nothing touched the disk while staged');
    assert.equal(readText(ws, 'src/math.ts'), mathBefore);

    // the Changes area of the sidebar and the pending count in the status bar
    await s.page.locator('.statusbar-item', { hasText: 'Tandem: 2 files pending' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view.frame.locator('.changes-toggle').click();
    await view.waitForText('src/long.ts');
    await s.screenshot('changes-area');

    // the staged hunks show inline in the editor, the file on disk unchanged
    await openFile(s.page, 'src/long.ts');
    const reject = codeLens(s.page, 'Reject').filter({ hasText: /^\W*Reject$/ });
    await waitUntil('two per-hunk Reject lenses', async () => (await reject.count()) === 2, 30_000);
    const ghosts = await ghostTexts(s.page);
    assert.ok(ghosts.some((g) => g.includes('→ export const v3 = 300;')), `ghost text of the added line: ${JSON.stringify(ghosts)}`);
    await s.screenshot('inline-review');
    await reject.nth(1).click(); // the second hunk (v27)
    await waitUntil('one Reject lens left', async () => (await reject.count()) === 1, 30_000);

    await runCommand(s.page, 'Tandem: Apply All Pending Changes');
    const expectedLong = LONG.replace('v3 = 3;', 'v3 = 300;');
    await waitForDisk(ws, 'src/long.ts', expectedLong, 'the applied hunk on disk, the rejected one not');
    await waitForDisk(ws, 'src/math.ts', mathBefore.replace(MATH_OLD, MATH_NEW), 'the second file applied');
    await s.page.locator('.statusbar-item', { hasText: /Tandem: \d+ files? pending/ }).waitFor({ state: 'hidden', timeout: 30_000 });

    // Undo in the editor restores the previous text
    await s.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await s.page.keyboard.press('Control+Z');
    await s.page.keyboard.press('Control+S');
    await waitForDisk(ws, 'src/long.ts', LONG, 'Undo (and save) to restore the file');

    // the agent hears what was decided on its next request
    await view.send('thanks');
    await view.waitForText('You are welcome.', 60_000);
    const reqs = await s.fake.modelRequests();
    const seen = reqs[reqs.length - 1].input.map((e) => (e.type === 'message' ? e.content : '')).join('\n');
    assert.match(seen, /rejected 1 hunk in src\/long\.ts/, seen);
    assert.match(seen, /applied .*src\/math\.ts/, seen);
  });
});

test('review: a user edit while pending merges when apart, conflicts when overlapping', { timeout: 300_000 }, async (t) => {
  const long = updatePatch('src/long.ts', [{ context: ['export const v2 = 2;'], remove: ['export const v3 = 3;'], add: ['export const v3 = 300;'] }]);
  const other = updatePatch('src/other.ts', [{ context: ['export const w4 = 4;'], remove: ['export const w5 = 5;'], add: ['export const w5 = 500;'] }]);
  const patch = `${long.replace(/\n\*\*\* End Patch$/, '')}\n${other.replace(/^\*\*\* Begin Patch\n/, '')}`;
  await withTandem(t, { rules: rulesFor(patch) }, async (s) => {
    const ws = s.server.workspace;
    writeFileSync(path.join(ws, 'src/long.ts'), LONG);
    writeFileSync(path.join(ws, 'src/other.ts'), OTHER);
    const view = await s.webview();
    await view.send('Please change the files');
    await view.waitForText('The change is staged for your review.', 90_000);
    await view.waitForIdle();

    // the user (or a formatter, or git) changes both files while the change is pending
    const userLong = LONG.replace('v27 = 27;', 'v27 = -27;');
    const userOther = OTHER.replace('w5 = 5;', 'w5 = -5;');
    writeFileSync(path.join(ws, 'src/long.ts'), userLong);
    writeFileSync(path.join(ws, 'src/other.ts'), userOther);

    await runCommand(s.page, 'Tandem: Apply All Pending Changes');
    await waitForDisk(ws, 'src/long.ts', userLong.replace('v3 = 3;', 'v3 = 300;'), 'the non-overlapping change merged with the user edit');
    const toast = await waitUntil('a conflict notification', async () => (await notifications(s.page)).find((n) => n.includes('src/other.ts')), 30_000);
    assert.match(toast, /could not apply src\/other\.ts.*Nothing was overwritten; the change stays pending/s);
    assert.equal(readText(ws, 'src/other.ts'), userOther, 'the overlapping user edit was not overwritten');
    await s.page.locator('.statusbar-item', { hasText: 'Tandem: 1 file pending' }).waitFor({ state: 'visible', timeout: 30_000 });
    await s.screenshot('conflict');
  });
});
