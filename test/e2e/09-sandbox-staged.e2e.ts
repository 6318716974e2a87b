// Scenario 9 (issue 5, "Done when", sidebar side): under the default policy (on-request)
// the agent runs the project's "tests" in the sandbox without asking. The command writes
// a new file (test-report.txt) and changes a real one (src/math.ts). Contract: nothing
// reaches the disk; the command card says it ran sandboxed; both files show in the
// sidebar's Changes area as staged (added / modified) and the model is told they were
// staged; Discard all leaves the workspace byte-identical to before and the area empty.
// Where the sandbox cannot start on this machine the test is skipped with the reason
// printed (never passed): without a sandbox the same command would ask first instead.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { slug, waitUntil, withTandem } from './harness';
import { resultsDir } from './paths';
import { assertSameTree, snapshotTree } from './editorHelpers';
import { detectSandbox } from '../../src/core/index';

// What `npm test` might do: write a report and touch a source file (a formatter, a
// snapshot update). Inside bash double quotes `\n` stays a backslash-n for node's parser.
const COMMAND = `node -e "require('fs').writeFileSync('test-report.txt','ok\\n'); require('fs').appendFileSync('src/math.ts','// touched\\n'); console.log('tests passed')"`;

test('sandbox: files a command writes are staged, not written; Discard all restores', { timeout: 300_000 }, async (t) => {
  const sandbox = await detectSandbox();
  if (!sandbox.available) {
    const reason = `the sandbox is unavailable on this machine: ${sandbox.reason ?? 'no reason given'}`;
    console.log(`[e2e] SKIP ${t.name}: ${reason}`);
    t.skip(reason);
    return;
  }
  const rules = [
    { when: { userContains: 'run the tests' }, reply: { text: 'Running the tests.', toolCalls: [{ name: 'shell', arguments: { command: COMMAND } }] } },
    // the shell tool tells the model which files were staged (see reportStaged in src/core/tools/shell.ts)
    { when: { toolOutputContains: 'tests passed' }, reply: { text: 'The tests passed; their files are staged for your review.' } },
    { when: { lastInputIsToolOutput: true }, reply: { text: 'The tests did not pass.' } },
  ];
  await withTandem(t, { rules }, async (s) => {
    const ws = s.server.workspace;
    const before = snapshotTree(ws);
    assert.ok(before.has('src/math.ts') && !before.has('test-report.txt'), `the fixture: ${[...before.keys()].join(', ')}`);

    const view = await s.webview();
    await view.send('Please run the tests');
    await view.waitForText('The tests passed; their files are staged for your review.', 120_000);
    await view.waitForIdle();

    // the disk is untouched: every file byte-identical, no new file
    assertSameTree(before, snapshotTree(ws), 'after the sandboxed command (its writes are only staged)');

    // it ran without a prompt (on-request + sandbox), in the sandbox, and succeeded
    assert.equal(await view.frame.getByRole('group', { name: 'Run this command?' }).count(), 0, 'on-request ran the sandboxed command without asking');
    const card = view.frame.locator('details.cmd', { has: view.frame.getByLabel(`Command ${COMMAND}, exit 0`, { exact: false }) });
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await card.locator('summary').getAttribute('aria-label')) ?? '', /, exit 0 after /);
    assert.equal((await card.locator('.badge-sandboxed').innerText()).trim(), 'sandboxed', 'the card shows the sandbox badge');
    assert.equal(await card.locator('.badge-unsandboxed, .badge-none').count(), 0, 'and no other sandbox badge');
    await card.screenshot({ path: path.join(resultsDir, `${slug(t.name)}-command-card.png`) });

    // the model was told exactly which files were staged
    const reqs = await s.fake.modelRequests();
    const outputs = reqs.flatMap((r) => r.input).flatMap((e) => (e.type === 'function_call_output' ? [e.output] : []));
    const out = outputs.find((o) => o.includes('tests passed')) ?? '';
    assert.match(out, /^Exit code: 0/, out);
    assert.match(out, /Files written \(staged for the user's review\): .*test-report\.txt \(add, \+1 -0\)/, out);
    assert.match(out, /Files written \(staged for the user's review\): .*src\/math\.ts \(modify, \+1 -0\)/, out);

    // the chat's file-change card lists both files
    const files = view.frame.getByRole('group', { name: 'File changes' }).last();
    await files.getByRole('button', { name: 'Open diff of test-report.txt' }).waitFor({ state: 'visible', timeout: 30_000 });
    await files.getByRole('button', { name: 'Open diff of src/math.ts' }).waitFor({ state: 'visible', timeout: 30_000 });

    // the Changes area lists the two staged files with their kinds
    const area = view.frame.getByRole('region', { name: 'Staged changes' });
    await area.waitFor({ state: 'visible', timeout: 30_000 });
    const toggle = area.getByRole('button', { name: '2 files changed' });
    await toggle.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const kindOf = async (p: string) => {
      const row = area.locator(`li[data-file="${p}"] .change-row`);
      await row.getByRole('button', { name: p, exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
      return (await row.locator('.offscreen').first().textContent())?.trim();
    };
    assert.equal(await kindOf('test-report.txt'), 'added');
    assert.equal(await kindOf('src/math.ts'), 'modified');
    assert.equal(await area.locator('li[data-file]').count(), 2, `exactly two staged files:\n${await area.innerText()}`);
    // the modified file's inline diff shows the line the command appended
    await area.getByRole('button', { name: 'src/math.ts', exact: true }).click();
    const hunk = area.locator('li[data-file="src/math.ts"]').getByRole('group', { name: 'Hunk 1 of 1' });
    await hunk.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await hunk.innerText(), /\/\/ touched/);
    await s.screenshot('changes-area');

    // Discard all (asks first) -> the area empties and the workspace is as it was
    await area.getByRole('button', { name: 'Discard all' }).click();
    await area.getByRole('button', { name: 'Discard', exact: true }).click();
    await area.waitFor({ state: 'hidden', timeout: 30_000 });
    await waitUntil('the status bar to show nothing pending', async () => (await s.page.locator('.statusbar-item', { hasText: /Tandem: \d+ files? pending/ }).count()) === 0, 30_000);
    assertSameTree(before, snapshotTree(ws), 'after Discard all');
    assert.equal(await view.frame.locator('li[data-file]').count(), 0, 'no staged file left in the sidebar');
  });
});
