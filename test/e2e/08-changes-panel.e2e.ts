// Scenario 8: review in the sidebar's Changes area, in real VS Code. The agent stages one
// file with two hunks and one added file; in the Changes area one hunk is rejected WITH a
// reason, the other hunk and the added file are applied; the disk matches exactly and
// the model's next request carries the rejection reason.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { readText, updatePatch, waitForDisk } from './editorHelpers';
import { resultsDir } from './paths';

const LONG = Array.from({ length: 30 }, (_, i) => `export const v${i + 1} = ${i + 1};\n`).join('');
const ADDED = 'export const added = true;\nexport const answer = 42;\n';
const REASON = 'keep v27 as it is, other modules rely on 27';

function patch(): string {
  const long = updatePatch('src/long.ts', [
    { context: ['export const v2 = 2;'], remove: ['export const v3 = 3;'], add: ['export const v3 = 300;'] },
    { context: ['export const v26 = 26;'], remove: ['export const v27 = 27;'], add: ['export const v27 = 2700;'] },
  ]);
  const add = ['*** Add File: src/added.ts', ...ADDED.trimEnd().split('\n').map((l) => `+${l}`)].join('\n');
  return long.replace(/\n\*\*\* End Patch$/, `\n${add}\n*** End Patch`);
}

const rules = [
  { when: { userContains: 'change the files' }, reply: { text: 'Staging the change.', toolCalls: [{ name: 'apply_patch', arguments: { patch: patch() } }] } },
  { when: { lastInputIsToolOutput: true }, reply: { text: 'The change is staged for your review.' } },
  { when: { userContains: 'thanks' }, reply: { text: 'You are welcome.' } },
];

test('Changes area: reject a hunk with a reason, apply the other hunk and an added file', { timeout: 300_000 }, async (t) => {
  await withTandem(t, { rules }, async (s) => {
    const ws = s.server.workspace;
    writeFileSync(path.join(ws, 'src/long.ts'), LONG);
    const view = await s.webview();
    await view.send('Please change the files');
    await view.waitForText('The change is staged for your review.', 90_000);
    await view.waitForIdle();
    assert.equal(readText(ws, 'src/long.ts'), LONG, 'nothing touched the disk while staged');
    assert.equal(existsSync(path.join(ws, 'src/added.ts')), false);

    const area = view.frame.getByRole('region', { name: 'Staged changes' });
    await area.waitFor({ state: 'visible', timeout: 30_000 });
    await area.getByRole('button', { name: '2 files changed' }).click();
    await area.getByRole('button', { name: 'src/long.ts', exact: true }).click();
    await area.getByRole('group', { name: 'Hunk 2 of 2' }).waitFor({ state: 'visible', timeout: 15_000 });
    await area.screenshot({ path: path.join(resultsDir, 'changes-panel-area.png') });

    // reject the second hunk with a reason (Enter in the reason box rejects)
    await area.getByRole('button', { name: 'Reject with reason: hunk 2 of 2 in src/long.ts' }).click();
    const reason = area.getByRole('textbox', { name: 'Reason for rejecting hunk 2 of 2 in src/long.ts' });
    await reason.fill(REASON);
    await reason.press('Enter');
    const applyFirst = area.getByRole('button', { name: 'Apply hunk 1 of 1 in src/long.ts' });
    await applyFirst.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(readText(ws, 'src/long.ts'), LONG, 'a rejection writes nothing');

    // apply the remaining hunk, then the added file
    await applyFirst.click();
    await waitForDisk(ws, 'src/long.ts', LONG.replace('v3 = 3;', 'v3 = 300;'), 'the applied hunk on disk, the rejected one not');
    // whole-file controls show once the file is expanded
    await area.getByRole('button', { name: 'src/added.ts', exact: true }).click();
    await area.getByRole('button', { name: 'Apply file src/added.ts' }).click();
    await waitUntil('src/added.ts on disk', async () => existsSync(path.join(ws, 'src/added.ts')), 30_000);
    await waitForDisk(ws, 'src/added.ts', ADDED, 'the added file exactly');
    await area.waitFor({ state: 'hidden', timeout: 30_000 });

    // the model hears the rejection and its reason on the next request
    await view.send('thanks');
    await view.waitForText('You are welcome.', 60_000);
    const reqs = await s.fake.modelRequests();
    const seen = reqs[reqs.length - 1].input.map((e) => (e.type === 'message' ? e.content : '')).join('\n');
    assert.ok(seen.includes(REASON), `the rejection reason reaches the model:\n${seen}`);
    assert.match(seen, /src\/long\.ts/, seen);
  });
});
