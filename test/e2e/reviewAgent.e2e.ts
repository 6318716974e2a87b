// The review of the agent's own work before it is applied, in real VS Code: a turn stages a
// change of more than a few lines; the reviewer (read-only, routed by its instructions on
// the fake server) checks the staged diff in the background; its finding shows on the
// hunk in the sidebar's Changes area and as a comment thread under the inline diff; one
// click asks the agent to address it (a turn in the same chat), whose revision is
// reviewed again. And `/review` typed in the composer runs the same review into the chat.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { openFile, readText, updatePatch } from './editorHelpers';
import { commitWorkspace, REVIEWER, submitReview, threadLines } from './reviewHelpers';

const OLD = '  return values.reduce(add, 0) / values.length;';
// staged lines 8-11 of src/math.ts: 4 added, 1 removed (the default minimum is 5)
const BY_INDEX = ['  // sum by index', '  let total = 0;', '  for (let i = 1; i <= values.length; i++) total += values[i];', '  return total / values.length;'];
const REVISED = ['  // sum by index', '  let total = 0;', '  for (let i = 0; i < values.length; i++) total += values[i];', '  return total / values.length;'];
const TITLE = 'The loop starts at 1 and reads one past the end.';
const FINDING = { path: 'src/math.ts', start_line: 10, end_line: 10, priority: 1, title: TITLE, body: 'values[values.length] is undefined, so total becomes NaN.', confidence: 0.95 };

const rules = [
  // the first review finds the off-by-one; the review of the revision finds nothing
  { when: { instructionsContain: REVIEWER }, reply: submitReview([FINDING]), times: 1 },
  { when: { instructionsContain: REVIEWER }, reply: submitReview([]) },
  { when: { userContains: 'sum by index' }, reply: { text: 'Summing by index.', toolCalls: [{ name: 'apply_patch', arguments: { patch: updatePatch('src/math.ts', [{ context: [], remove: [OLD], add: BY_INDEX }]) } }] } },
  {
    when: { userContains: 'A code review of your staged changes' },
    reply: { text: 'Starting at 0.', toolCalls: [{ name: 'apply_patch', arguments: { patch: updatePatch('src/math.ts', [{ context: [], remove: [BY_INDEX[2]], add: [REVISED[2]] }]) } }] },
  },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'The change is staged for your review.' } },
];

test('background review: the finding on its hunk in Changes and under the inline diff; one click asks the agent to fix it', { timeout: 360_000 }, async (t) => {
  await withTandem(t, { rules }, async (s) => {
    const ws = s.server.workspace;
    const before = readText(ws, 'src/math.ts');
    const view = await s.webview();
    await view.send('Please sum by index in mean()');
    await view.waitForText('The change is staged for your review.', 90_000);
    await view.waitForIdle();

    const area = view.frame.getByRole('region', { name: 'Staged changes' });
    await area.getByRole('status').filter({ hasText: 'Review: 1 finding on the staged changes' }).waitFor({ state: 'visible', timeout: 90_000 });
    await area.getByRole('button', { name: '1 file changed' }).click();
    await area.getByRole('button', { name: 'src/math.ts', exact: true }).click();
    const hunk = area.getByRole('group', { name: 'Hunk 1 of 1' });
    const onHunk = hunk.getByRole('list', { name: 'Review findings on hunk 1 of 1 in src/math.ts' });
    await onHunk.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await onHunk.innerText(), /P1\s+The loop starts at 1[\s\S]*staged line 10/);
    await s.screenshot('changes-finding');

    // the reviewer read the staged diff, with the read-only tools only
    const review = (await s.fake.modelRequests()).find((r) => r.instructions.includes(REVIEWER));
    assert.ok(review, 'a reviewer request');
    assert.match(JSON.stringify(review.input), /i <= values\.length/);
    const tools = (review.body.tools as { name?: string; function?: { name: string } }[]).map((x) => x.name ?? x.function?.name).sort();
    assert.deepEqual(tools, ['list_dir', 'read_file', 'search', 'submit_review']);

    // the thread sits under the inline diff: the added line follows workspace line 8, which it replaces
    await openFile(s.page, 'src/math.ts');
    await s.page.locator('.review-widget', { hasText: `P1 · ${TITLE}` }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await waitUntil('the thread glyph', async () => ((await threadLines(s.page)).length ? threadLines(s.page) : undefined)), [8]);
    assert.equal(readText(ws, 'src/math.ts'), before, 'nothing is applied');

    // one click: a turn in the same chat; the revision is reviewed again and is clean
    await area.getByRole('button', { name: 'Ask Tandem to address the review findings' }).click();
    await waitUntil('the fix turn', async () => (await view.userMessages.count()) === 2, 60_000);
    assert.match(await view.userMessages.nth(1).innerText(), /\[P1\] src\/math\.ts:10: The loop starts at 1/);
    await area.getByRole('status').filter({ hasText: 'Review: no findings' }).waitFor({ state: 'visible', timeout: 90_000 });
    await onHunk.waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(readText(ws, 'src/math.ts'), before, 'the revision is staged too');
  });
});

test('/review in the composer: the review runs into the chat, findings with Fix and Dismiss', { timeout: 300_000 }, async (t) => {
  const finding = { path: 'src/math.ts', start_line: 8, priority: 2, title: 'Dividing by length - 1 skews every mean.', body: 'mean([2, 2]) is 4.', confidence: 0.8 };
  await withTandem(t, { rules: [{ when: { instructionsContain: REVIEWER }, reply: submitReview([finding]) }], settings: { 'tandem.review.agentChanges': 'off' } }, async (s) => {
    const ws = s.server.workspace;
    commitWorkspace(ws);
    writeFileSync(path.join(ws, 'src/math.ts'), readText(ws, 'src/math.ts').replace('/ values.length;', '/ (values.length - 1);'));
    const view = await s.webview();
    await view.send('/review');
    const card = view.frame.getByRole('group', { name: /^Code review of uncommitted changes/ });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    await card.getByText('1 finding · needs changes').waitFor({ state: 'visible', timeout: 90_000 });
    assert.match(await card.innerText(), /P2\s+Dividing by length - 1 skews every mean\.[\s\S]*src\/math\.ts:8/);
    await card.getByRole('button', { name: `Fix with Tandem: ${finding.title}` }).waitFor({ state: 'visible' });
    assert.equal(await view.userMessages.count(), 0, '/review is not sent to the agent as a message');
    await s.screenshot('chat-review');

    // Dismiss with a reason from the chat
    await card.getByRole('button', { name: `Dismiss with reason: ${finding.title}` }).click();
    await card.getByRole('textbox', { name: `Reason for dismissing: ${finding.title}` }).fill('intended');
    await card.getByRole('button', { name: `Dismiss finding: ${finding.title}` }).click();
    await card.getByText('No findings').waitFor({ state: 'visible', timeout: 15_000 });
  });
});
