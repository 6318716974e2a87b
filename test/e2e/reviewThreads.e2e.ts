// Code review in the editor, in real VS Code: "Tandem: Review Changes…" on the
// uncommitted changes of a git repository shows the reviewer's finding as a comment thread
// on exactly its line (priority in the label), in the findings view and the status bar;
// "Fix with Tandem" on the thread starts a turn whose fix is staged (shown inline, the
// file untouched); Dismiss with a reason hides it and records it in the repository.
// The fake model server plays both roles, routed by the request's instructions: the
// reviewer (submit_review) and the agent (apply_patch).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { codeLens, notifications, openFile, readText, runCommand, updatePatch } from './editorHelpers';
import { commitWorkspace, REVIEWER, submitReview, threadLines } from './reviewHelpers';

const BUGGY = '  return values.reduce(add, 0) / (values.length - 1);';
const FIXED = '  return values.reduce(add, 0) / values.length;';
const TITLE = 'mean() divides by length - 1, so every mean is too large.';
const FINDING = { path: 'src/math.ts', start_line: 8, end_line: 8, priority: 1, title: TITLE, body: 'mean([2, 2]) returns 4: the sum is divided by one less than the count.', confidence: 0.9 };
const REASON = 'sample variance on purpose';

const rules = [
  { when: { instructionsContain: REVIEWER }, reply: submitReview([FINDING]) },
  {
    when: { userContains: 'A code review of my changes found this problem' },
    reply: { text: 'Dividing by the count again.', toolCalls: [{ name: 'apply_patch', arguments: { patch: updatePatch('src/math.ts', [{ context: [], remove: [BUGGY], add: [FIXED] }]) } }] },
  },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'The fix is staged for your review.' } },
];

test('Review Changes: a comment thread on the finding\'s line; Fix with Tandem stages a fix; Dismiss remembers', { timeout: 360_000 }, async (t) => {
  await withTandem(t, { rules, settings: { 'tandem.review.agentChanges': 'off' } }, async (s) => {
    const ws = s.server.workspace;
    commitWorkspace(ws);
    const original = readText(ws, 'src/math.ts');
    writeFileSync(path.join(ws, 'src/math.ts'), original.replace(FIXED, BUGGY));
    const changed = readText(ws, 'src/math.ts');
    assert.equal(changed.split('\n')[7], BUGGY, 'the bug is on line 8');
    await s.webview(); // Tandem is active

    await runCommand(s.page, 'Tandem: Review Changes…');
    const pick = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Uncommitted changes' });
    await pick.waitFor({ state: 'visible', timeout: 15_000 });
    await pick.click();
    const done = await waitUntil('the review to end', async () => (await notifications(s.page)).find((n) => n.includes('Tandem reviewed')), 120_000);
    assert.match(done, /1 finding \(P1\) · needs changes/);

    await openFile(s.page, 'src/math.ts');
    const thread = s.page.locator('.review-widget', { hasText: `P1 · ${TITLE}` });
    await thread.waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await waitUntil('the thread glyph', async () => ((await threadLines(s.page)).length ? threadLines(s.page) : undefined)), [8]);
    // (MarkdownString.appendText keeps spaces as non-breaking ones)
    assert.match((await thread.innerText()).replace(/\u00a0/g, ' '), /mean\(\[2, 2\]\) returns 4: the sum is divided/);
    await s.page.locator('.statusbar-item', { hasText: '1 finding' }).waitFor({ state: 'visible', timeout: 15_000 });
    await s.page.locator('.pane-header', { hasText: 'Review Findings' }).waitFor({ state: 'visible', timeout: 15_000 });
    await s.screenshot('thread');

    // the reviewer got the diff and its own instructions; it could not edit
    const review = (await s.fake.modelRequests()).find((r) => r.instructions.includes(REVIEWER));
    assert.ok(review, 'a reviewer request');
    assert.match(JSON.stringify(review.input), /values\.length - 1/);

    // Fix with Tandem: a focused session whose fix is staged, the file untouched
    await thread.getByRole('button', { name: 'Fix with Tandem' }).click();
    const view = await s.webview();
    await view.waitForText('The fix is staged for your review.', 90_000);
    assert.equal(readText(ws, 'src/math.ts'), changed, 'the fix is staged, not written');
    await codeLens(s.page, 'Accept').first().waitFor({ state: 'visible', timeout: 30_000 });
    const fixRequest = (await s.fake.modelRequests()).find((r) => JSON.stringify(r.input).includes('A code review of my changes found this problem'));
    assert.match(JSON.stringify(fixRequest?.input), /\[P1\] src\/math\.ts:8: mean\(\) divides by length - 1/);

    // Dismiss with a reason: the thread goes; the repository remembers it for the next review
    await thread.getByRole('button', { name: 'Dismiss Finding' }).click();
    const input = s.page.locator('.quick-input-widget input[type="text"]');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(REASON);
    await s.page.keyboard.press('Enter');
    await thread.waitFor({ state: 'detached', timeout: 30_000 });
    const file = path.join(ws, '.git/tandem/dismissed-findings.json');
    await waitUntil('the dismissal on disk', async () => existsSync(file));
    const [dismissal] = JSON.parse(readFileSync(file, 'utf8')).dismissed;
    assert.deepEqual([dismissal.path, dismissal.title, dismissal.reason], ['src/math.ts', TITLE, REASON]);
    await s.page.locator('.statusbar-item', { hasText: '1 finding' }).waitFor({ state: 'hidden', timeout: 15_000 });
  });
});
