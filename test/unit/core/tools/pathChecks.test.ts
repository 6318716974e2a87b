// Every path argument of the read tools goes through the one realpath-based check
// (issue 16, class 4), and the search tool is no yes/no oracle about files it withholds:
// its answer is the same whether or not a secret file matched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { searchTool } from '../../../../src/core/tools/search';
import { listDirTool } from '../../../../src/core/tools/listDir';
import { readFileTool } from '../../../../src/core/tools/readFile';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';
import { createGuard } from '../../../../src/core/policy/createGuard';
import { fakeApprovals, makeContext } from './helpers';

const RG = '/usr/bin/rg';
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function setup(files: Record<string, string>) {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'tandem-paths-')));
  dirs.push(base);
  const root = join(base, 'ws');
  for (const [p, c] of Object.entries(files)) {
    await mkdir(dirname(join(root, p)), { recursive: true });
    await writeFile(join(root, p), c);
  }
  await mkdir(join(base, 'outside'), { recursive: true });
  await writeFile(join(base, 'outside', 'private.txt'), 'TOKEN=outside-secret\n');
  await symlink(join(base, 'outside'), join(root, 'out-dir'));
  await symlink(join(base, 'outside', 'private.txt'), join(root, 'notes.txt'));
  const workspace = await createNodeWorkspace(root);
  const staging = await createStagingArea(workspace, join(base, 'staging'));
  const guard = createGuard({ policy: 'on-request', workspaceRoot: root, sandboxAvailable: true, trusted: true });
  return { root, staging, guard };
}

test('search: a path that is a symlink to a folder or file outside is refused', async () => {
  const { staging, guard } = await setup({ 'a.txt': 'TOKEN=inside\n' });
  const ctx = makeContext({ view: staging, staging, guard, rgPath: RG });
  for (const path of ['out-dir', 'notes.txt', 'out-dir/private.txt']) {
    await assert.rejects(searchTool.run({ pattern: 'TOKEN', path }, ctx), /outside|not allowed|refused/i, path);
  }
});

test('search: no yes/no oracle about a withheld secret file', async () => {
  const { staging, guard } = await setup({ '.env': 'TOKEN=abc123\n', 'config/prod.pem': 'KEY abc123\n', 'src/a.ts': 'read(TOKEN)\n' });
  const ctx = makeContext({ view: staging, staging, guard, rgPath: RG });
  const answer = async (pattern: string) => (await searchTool.run({ pattern, path: '' }, ctx)).output.split(JSON.stringify(pattern)).join('<P>');
  // one pattern matches the secrets, the other does not: the answers must not differ
  assert.equal(await answer('abc1'), await answer('zzz9'));
  assert.equal(await answer('TOKEN=a'), await answer('TOKEN=z'));
  assert.doesNotMatch(await answer('abc1'), /\.env|prod\.pem/);
});

test('search: an explicit secret path asks the user like read_file, and a refusal says nothing about its content', async () => {
  const { staging, guard } = await setup({ '.env': 'TOKEN=abc123\n' });
  const approvals = fakeApprovals({ decision: 'deny' });
  const ctx = makeContext({ view: staging, staging, guard, rgPath: RG, approvals });
  await assert.rejects(searchTool.run({ pattern: 'TOKEN=a', path: '.env' }, ctx), /declined/);
  assert.deepEqual(approvals.requests.map((r) => r.type), ['read']);
  const allowed = makeContext({ view: staging, staging, guard, rgPath: RG, approvals: fakeApprovals({ decision: 'allow_once' }) });
  assert.match((await searchTool.run({ pattern: 'TOKEN=a', path: '.env' }, allowed)).output, /TOKEN=abc123/);
});

test('list_dir and read_file refuse a symlink that leads outside', async () => {
  const { staging, guard } = await setup({ 'a.txt': 'x\n' });
  const ctx = makeContext({ view: staging, staging, guard });
  await assert.rejects(listDirTool.run({ path: 'out-dir' }, ctx), /outside|not allowed/i);
  await assert.rejects(readFileTool.run({ path: 'notes.txt' }, ctx), /outside|not allowed/i);
  await assert.rejects(readFileTool.run({ path: 'out-dir/private.txt' }, ctx), /outside|not allowed/i);
});
