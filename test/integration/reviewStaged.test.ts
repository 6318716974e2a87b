// Reviewing an agent's staged changes before they are applied (the editor's background
// review): the reviewer reads AND searches the staged files, its finding's lines are on
// the staged version, and nothing is written to the workspace or the staging area.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../fakes/fakeModelServer';
import { makeRepo, read, tempDir } from './harness';
import { createAgent, createNodeWorkspace, denyAll, resolveModelConfig, reviewChanges, stagedChangesToPatch } from '../../src/core/index';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const CART = ['export function total(prices: number[]): number {', '  let sum = 0;', '  for (const p of prices) sum += p;', '  return sum;', '}', ''].join('\n');
const PATCH = ['*** Begin Patch', '*** Update File: src/cart.ts', '@@', '   let sum = 0;', '-  for (const p of prices) sum += p;', '+  for (let i = 1; i <= prices.length; i++) sum += prices[i]; // stagedOnlyMarker', '*** End Patch'].join('\n');

test('a review of staged changes searches the staged files, not the ones on disk', async () => {
  const s = await startFakeModelServer();
  servers.push(s);
  const root = makeRepo({ 'src/cart.ts': CART });
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'chat' });
  const agent = await createAgent({ model, workspace: await createNodeWorkspace(root), storageDir: tempDir('tandem-staged-review-'), approvals: denyAll, rgPath: '/usr/bin/rg' });
  try {
    s.enqueue({ toolCalls: [{ name: 'apply_patch', arguments: JSON.stringify({ patch: PATCH }) }] }, { text: 'Staged.' });
    await agent.run('Loop by index');
    const changes = await agent.changes();
    assert.equal(changes.length, 1);
    const [hunk] = changes[0].hunks;

    const finding = { path: 'src/cart.ts', start_line: 3, priority: 1, title: 'The loop skips the first price and reads past the end.', body: 'i starts at 1 and runs to length.', confidence: 0.9 };
    s.enqueue(
      { toolCalls: [{ name: 'search', arguments: JSON.stringify({ pattern: 'stagedOnlyMarker', fixed_strings: true }) }] },
      { toolCalls: [{ name: 'submit_review', arguments: JSON.stringify({ findings: [finding], summary: 'Off by one.', overall_correctness: 'needs changes', overall_confidence: 0.8 }) }] },
    );
    const result = await reviewChanges({
      root,
      target: { type: 'patch', patch: stagedChangesToPatch(changes), description: "Tandem's staged changes" },
      staged: agent.staging,
      model,
      rgPath: '/usr/bin/rg',
    });
    const reqs = s.modelRequests();
    const searched = JSON.stringify(reqs[reqs.length - 1].input.at(-1));
    assert.match(searched, /src\/cart\.ts[\s\S]*3:.*stagedOnlyMarker/, `the search saw the staged text: ${searched}`);
    assert.deepEqual(result.findings.map((f) => [f.path, f.startLine, f.priority]), [['src/cart.ts', 3, 1]]);
    assert.ok(hunk.newStart <= 3 && 3 < hunk.newStart + hunk.newLines, 'the finding is on the staged hunk');
    // nothing was applied, rejected or written
    assert.equal(read(root, 'src/cart.ts'), CART);
    assert.deepEqual(await agent.changes(), changes);
  } finally {
    await agent.dispose();
  }
});
