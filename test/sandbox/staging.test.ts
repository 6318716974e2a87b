// Integration: a project's "test run" inside the real sandbox writes files; they appear
// as staged changes (real staging area, real node workspace), the staged view is what
// the next command sees, and rejecting them leaves the workspace byte-identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeHarness, sandboxSkipReason, snapshot } from './harness';

const TEST_RUN = `node -e "
const fs = require('fs');
const src = fs.readFileSync('src/a.ts', 'utf8');
fs.mkdirSync('coverage', { recursive: true });
fs.writeFileSync('coverage/report.json', JSON.stringify({ passed: src.includes('a = 1'), lines: src.split('\\\\n').length }));
fs.appendFileSync('README.md', 'tested\\\\n');
fs.unlinkSync('src/old.ts');
console.log('1 passing');
"`;

test('files written by a sandboxed test run are staged, and rejecting them restores nothing-changed', async (t) => {
  const reason = await sandboxSkipReason();
  if (reason) return t.skip(reason);
  const h = await makeHarness();
  try {
    await fs.writeFile(path.join(h.ws, 'src', 'old.ts'), 'old\n');
    const before = await snapshot(h.ws);
    const r = await h.run(TEST_RUN);
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /1 passing/);
    assert.deepEqual(r.stagedPaths, ['README.md', 'coverage/report.json', 'src/old.ts']);
    assert.deepEqual(await snapshot(h.ws), before, 'nothing reached the workspace');
    const changes = await h.staging.changes();
    assert.deepEqual(changes.map((c) => [c.path, c.kind]).sort(), [['README.md', 'modify'], ['coverage/report.json', 'add'], ['src/old.ts', 'delete']]);
    assert.equal(new TextDecoder().decode(await h.staging.readFile('coverage/report.json')), JSON.stringify({ passed: true, lines: 2 }));

    // The next command sees the staged view (one source of truth), including deletions.
    const view = await h.run('cat coverage/report.json; tail -n 1 README.md; test -e src/old.ts && echo OLD-STILL-THERE; true');
    assert.match(view.output, /"passed":true/);
    assert.match(view.output, /tested/);
    assert.doesNotMatch(view.output, /OLD-STILL-THERE/);
    assert.deepEqual(view.stagedPaths, []);

    for (const c of changes) await h.staging.reject(c.path);
    assert.deepEqual(await h.staging.stagedPaths(), []);
    assert.deepEqual(await snapshot(h.ws), before, 'rejecting left the workspace byte-identical');
  } finally {
    await h.dispose();
  }
});

test('applying a staged sandbox write reaches the workspace (the control for the test above)', async (t) => {
  const reason = await sandboxSkipReason();
  if (reason) return t.skip(reason);
  const h = await makeHarness();
  try {
    const r = await h.run('echo generated > gen.txt');
    assert.deepEqual(r.stagedPaths, ['gen.txt']);
    await h.staging.apply('gen.txt');
    assert.equal(await fs.readFile(path.join(h.ws, 'gen.txt'), 'utf8'), 'generated\n');
  } finally {
    await h.dispose();
  }
});

test('a cwd outside the workspace is refused before anything runs', async (t) => {
  const reason = await sandboxSkipReason();
  if (reason) return t.skip(reason);
  const h = await makeHarness();
  try {
    await assert.rejects(h.run('true', { cwd: h.outside }), /outside the workspace/);
    const sub = await h.run('pwd', { cwd: path.join(h.ws, 'src') });
    assert.equal(sub.output.trim(), path.join(h.ws, 'src'));
  } finally {
    await h.dispose();
  }
});

test('timeout inside the sandbox ends the command and still stages its writes', async (t) => {
  const reason = await sandboxSkipReason();
  if (reason) return t.skip(reason);
  const h = await makeHarness();
  try {
    const r = await h.run('echo partial > part.txt; sleep 30', { timeoutMs: 500 });
    assert.equal(r.timedOut, true);
    assert.deepEqual(r.stagedPaths, ['part.txt']);
  } finally {
    await h.dispose();
  }
});
