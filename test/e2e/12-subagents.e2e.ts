// Scenario 12: a turn with two subagents, in real VS Code. The agent spawns two workers
// in one response; the sidebar shows one card per worker with its activity live;
// expanding a card shows that worker's own items; their changes land in the Changes area
// attributed to each worker, and apply hunk by hunk.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';
import { readText, updatePatch, waitForDisk } from './editorHelpers';
import { resultsDir } from './paths';

const A = Array.from({ length: 20 }, (_, i) => `export const a${i + 1} = ${i + 1};\n`).join('');
const B = 'export const b = 1;\n';
const patchA = updatePatch('src/a.ts', [
  { context: ['export const a1 = 1;'], remove: ['export const a2 = 2;'], add: ['export const a2 = 200;'] },
  { context: ['export const a18 = 18;'], remove: ['export const a19 = 19;'], add: ['export const a19 = 1900;'] },
]);
const patchB = updatePatch('src/b.ts', [{ context: [], remove: ['export const b = 1;'], add: ['export const b = 2;'] }]);
// streamed slowly, so the cards are seen working
const slow = { chunkSize: 3, chunkDelayMs: 250 };
const worker = 'Role: worker';

const rules = [
  // the workers (their instructions carry the role preamble)
  { when: { instructionsContain: worker, userContains: 'worker A' }, reply: { reasoning: 'Reading src/a.ts to change a2 and a19.', ...slow, toolCalls: [{ name: 'apply_patch', arguments: { patch: patchA } }] } },
  { when: { instructionsContain: worker, toolOutputContains: 'src/a.ts' }, reply: { text: 'Changed a2 and a19 in src/a.ts.', ...slow } },
  { when: { instructionsContain: worker, userContains: 'worker B' }, reply: { reasoning: 'Reading src/b.ts to change b.', ...slow, toolCalls: [{ name: 'apply_patch', arguments: { patch: patchB } }] } },
  { when: { instructionsContain: worker, toolOutputContains: 'src/b.ts' }, reply: { text: 'Changed b in src/b.ts.', ...slow } },
  // the session's agent: two workers in one response, then it answers; the turn waits
  // for them and hands their results back as a [Subagents] note
  { when: { userContains: 'two subagents' }, reply: { toolCalls: [{ name: 'spawn_agent', arguments: { message: 'worker A: change a2 and a19 in src/a.ts' } }, { name: 'spawn_agent', arguments: { message: 'worker B: change b in src/b.ts' } }] } },
  { when: { toolOutputContains: 'agent_id' }, reply: { text: 'Two workers are on it.' } },
  { when: { userContains: '[Subagents]' }, reply: { text: 'Both workers finished; their changes are staged.' } },
];

test('two subagents: live cards, their items on expand, attributed changes applied hunk by hunk', { timeout: 300_000 }, async (t) => {
  await withTandem(t, { rules }, async (s) => {
    const ws = s.server.workspace;
    writeFileSync(path.join(ws, 'src/a.ts'), A);
    writeFileSync(path.join(ws, 'src/b.ts'), B);
    const view = await s.webview();
    await view.send('Use two subagents to change the files');

    // two cards, each live: running with an activity line
    const cards = view.frame.locator('.card.subagent');
    await waitUntil('two subagent cards', async () => (await cards.count()) === 2, 60_000);
    const cardA = view.frame.getByRole('group', { name: /Subagent worker [0-9a-f]{8}: running/ }).filter({ hasText: 'change a2 and a19' });
    await cardA.waitFor({ state: 'visible', timeout: 30_000 });
    await cardA.locator('.subagent-activity').waitFor({ state: 'visible', timeout: 30_000 });
    const live = view.frame.locator('.card.subagent .subagent-activity');
    await waitUntil('both cards show what their worker is doing', async () => (await live.count()) === 2, 30_000);
    await view.frame.locator('.card.subagent').first().screenshot({ path: path.join(resultsDir, 'subagent-card-live.png') });

    // expanding a card shows the worker's own items, streaming
    await cardA.getByRole('button', { name: 'Show its work' }).click();
    const itemsA = cardA.getByRole('log', { name: /Items of subagent/ });
    await itemsA.waitFor({ state: 'visible', timeout: 30_000 });
    await itemsA.getByRole('group', { name: 'File changes' }).first().waitFor({ state: 'visible', timeout: 30_000 });

    await view.waitForText('Both workers finished; their changes are staged.', 120_000);
    await view.waitForIdle();
    const doneA = view.frame.getByRole('group', { name: /Subagent worker [0-9a-f]{8}: finished/ }).filter({ hasText: 'change a2 and a19' });
    await doneA.waitFor({ state: 'visible', timeout: 30_000 });
    // the expanded list stayed open and streamed the worker's answer in
    await doneA.getByRole('log', { name: /Items of subagent/ }).getByText('Changed a2 and a19 in src/a.ts.').first().waitFor({ state: 'visible', timeout: 30_000 });
    const idA = await doneA.getAttribute('data-agent-id');
    const idB = await view.frame.locator('.card.subagent').filter({ hasText: 'change b in src/b.ts' }).first().getAttribute('data-agent-id');
    assert.ok(idA && idB && idA !== idB);
    assert.equal(readText(ws, 'src/a.ts'), A, 'nothing reached the disk while staged');

    // the Changes area: both files, each attributed to its worker
    const area = view.frame.getByRole('region', { name: 'Staged changes' });
    await area.waitFor({ state: 'visible', timeout: 30_000 });
    await area.getByRole('button', { name: '2 files changed' }).click();
    const rowA = area.locator('.change-agents', { hasText: idA });
    const rowB = area.locator('.change-agents', { hasText: idB });
    await rowA.waitFor({ state: 'visible', timeout: 15_000 });
    await rowB.waitFor({ state: 'visible', timeout: 15_000 });
    await area.screenshot({ path: path.join(resultsDir, 'subagent-changes.png') });

    // hunk by hunk: the first hunk of src/a.ts, then the rest
    await area.getByRole('button', { name: 'src/a.ts', exact: true }).click();
    await area.getByRole('button', { name: 'Apply hunk 1 of 2 in src/a.ts' }).click();
    await waitForDisk(ws, 'src/a.ts', A.replace('a2 = 2;', 'a2 = 200;'), 'only the first hunk applied');
    await area.getByRole('button', { name: 'Apply hunk 1 of 1 in src/a.ts' }).click();
    await waitForDisk(ws, 'src/a.ts', A.replace('a2 = 2;', 'a2 = 200;').replace('a19 = 19;', 'a19 = 1900;'), 'both hunks applied');
    await area.getByRole('button', { name: 'src/b.ts', exact: true }).click();
    await area.getByRole('button', { name: 'Apply file src/b.ts' }).click();
    await waitForDisk(ws, 'src/b.ts', 'export const b = 2;\n', "worker B's change applied");
  });
});
