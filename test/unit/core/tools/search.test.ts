import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { searchTool, SEARCH_MAX_MATCHES } from '../../../../src/core/tools/search';
import { ToolError } from '../../../../src/core/tools/types';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createMemoryStaging } from '../../../fakes/memoryStaging';
import { assess, fakeApprovals, fakeGuard, makeContext } from './helpers';

const RG = '/usr/bin/rg';
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function setup(files: Record<string, string>) {
  const base = await mkdtemp(join(tmpdir(), 'tandem-search-'));
  dirs.push(base);
  const root = join(base, 'ws');
  for (const [p, c] of Object.entries(files)) {
    await mkdir(dirname(join(root, p)), { recursive: true });
    await writeFile(join(root, p), c);
  }
  await mkdir(root, { recursive: true });
  const workspace = await createNodeWorkspace(root);
  const staging = createMemoryStaging(workspace, { layerDir: join(base, 'layer') });
  const ctx = makeContext({ view: workspace, staging, rgPath: RG });
  return { ctx, staging, root };
}

const enc = (s: string) => new TextEncoder().encode(s);

test('finds matches grouped by file with line numbers', async () => {
  const { ctx } = await setup({ 'src/a.ts': 'const foo = 1;\nbar();\nfoo();\n', 'b.md': 'no match\n', 'c.txt': 'foo\n' });
  const r = await searchTool.run({ pattern: 'foo' }, ctx);
  assert.equal(r.output, 'c.txt\n  1:foo\nsrc/a.ts\n  1:const foo = 1;\n  3:foo();\n[3 matches in 2 files.]');
});

test('searches the staged view: staged content replaces the workspace copy, deletes vanish, adds appear', async () => {
  const { ctx, staging } = await setup({ 'a.txt': 'needle old\n', 'gone.txt': 'needle\n', 'same.txt': 'needle kept\n' });
  await staging.writeFile('a.txt', enc('nothing\nneedle new\n'));
  await staging.deleteFile('gone.txt');
  await staging.writeFile('src/added.txt', enc('a needle here\n'));
  const r = await searchTool.run({ pattern: 'needle' }, ctx);
  assert.equal(r.output, 'a.txt\n  2:needle new\nsame.txt\n  1:needle kept\nsrc/added.txt\n  1:a needle here\n[3 matches in 3 files.]');
});

test('a path inside a staged-only folder and a staged-deleted file', async () => {
  const { ctx, staging } = await setup({ 'x.txt': 'needle\n' });
  await staging.writeFile('newdir/n.txt', enc('needle\n'));
  assert.match((await searchTool.run({ pattern: 'needle', path: 'newdir' }, ctx)).output, /^newdir\/n\.txt\n {2}1:needle/);
  await staging.deleteFile('x.txt');
  await assert.rejects(searchTool.run({ pattern: 'needle', path: 'x.txt' }, ctx), /deleted in your staged changes/);
  await assert.rejects(searchTool.run({ pattern: 'needle', path: 'nowhere' }, ctx), /Not found: nowhere/);
});

test('path, glob, case_insensitive, fixed_strings and context', async () => {
  const { ctx } = await setup({ 'src/a.ts': 'one\nFoo(x)\nthree\n', 'src/b.py': 'foo(x)\n', 'docs/c.ts': 'foo(x)\n' });
  assert.equal((await searchTool.run({ pattern: 'foo', path: 'src', case_insensitive: true, glob: '*.ts' }, ctx)).output, 'src/a.ts\n  2:Foo(x)\n[1 match in 1 file.]');
  assert.equal((await searchTool.run({ pattern: 'Foo(x)', fixed_strings: true, context: 1 }, ctx)).output, 'src/a.ts\n  1-one\n  2:Foo(x)\n  3-three\n[1 match in 1 file.]');
  assert.match((await searchTool.run({ pattern: 'zzz' }, ctx)).output, /^No matches for "zzz" in \./);
});

test('staged files respect the workspace .gitignore', async () => {
  const { ctx, staging } = await setup({ '.gitignore': 'dist/\n', 'src/a.ts': 'x\n' });
  await staging.writeFile('dist/out.js', enc('needle\n'));
  await staging.writeFile('src/b.ts', enc('needle\n'));
  assert.equal((await searchTool.run({ pattern: 'needle' }, ctx)).output, 'src/b.ts\n  1:needle\n[1 match in 1 file.]');
});

test('matches are capped and the cap is reported', async () => {
  const lines = Array.from({ length: SEARCH_MAX_MATCHES + 50 }, (_, i) => `hit ${i}`).join('\n');
  const { ctx } = await setup({ 'many.txt': lines });
  const r = await searchTool.run({ pattern: 'hit' }, ctx);
  assert.equal(r.output.split('\n').filter((l) => /^ {2}\d+:/.test(l)).length, SEARCH_MAX_MATCHES);
  assert.match(r.output, /Showing the first 200 matches/);
});

test('an invalid regex is a tool error that suggests fixed_strings', async () => {
  const { ctx } = await setup({ 'a.txt': 'x\n' });
  await assert.rejects(searchTool.run({ pattern: 'foo(' }, ctx), (e: unknown) => e instanceof ToolError && /ripgrep failed: .*regex/s.test(e.message) && /fixed_strings: true/.test(e.message));
});

test('a missing or non-executable ripgrep says how to install it', async () => {
  const { ctx } = await setup({ 'a.txt': 'x\n' });
  await assert.rejects(searchTool.run({ pattern: 'x' }, { ...ctx, rgPath: undefined }), /^ToolError: ripgrep is not available: install ripgrep/);
  await assert.rejects(searchTool.run({ pattern: 'x' }, { ...ctx, rgPath: '/nonexistent/rg' }), /ripgrep is not available at \/nonexistent\/rg \(ENOENT\): install ripgrep/);
  await assert.rejects(searchTool.run({ pattern: 'x' }, { ...ctx, rgPath: join(ctx.view.root, 'a.txt') }), /ripgrep is not available at .*a\.txt \(EACCES\)/);
});

test('an aborted signal stops the search', async () => {
  const { ctx } = await setup({ 'a.txt': 'x\n' });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(searchTool.run({ pattern: 'x' }, { ...ctx, signal: ac.signal }), /interrupted/);
});

test('matches in files whose reads are not plainly allowed are withheld, and nothing says so', async () => {
  const { ctx } = await setup({ 'config/.env': 'TOKEN=abc\n', 'secrets.json': '{"TOKEN": "abc"}\n', 'src/a.ts': 'read(TOKEN)\n' });
  const guard = fakeGuard({ read: (p) => (p === 'secrets.json' || p.endsWith('.env') ? assess('ask', 'may hold secrets') : assess('allow')) });
  const r = await searchTool.run({ pattern: 'TOKEN' }, { ...ctx, guard });
  // Since issue 16 no note names withheld files: it answered yes/no to any pattern.
  assert.equal(r.output, 'src/a.ts\n  1:read(TOKEN)\n[1 match in 1 file.]');
  // Searching a withheld file asks the user, as read_file does.
  await assert.rejects(searchTool.run({ pattern: 'TOKEN', path: 'config/.env' }, { ...ctx, guard, approvals: fakeApprovals({ decision: 'deny' }) }), /declined/);
});
