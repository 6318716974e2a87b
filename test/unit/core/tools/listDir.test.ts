import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listDirTool, LIST_MAX_ENTRIES } from '../../../../src/core/tools/listDir';
import { memoryContext } from './helpers';

const files = {
  'README.md': '#\n',
  'src/index.ts': 'x\n',
  'src/lib/util.ts': 'x\n',
  'src/lib/deep/more/file.ts': 'x\n',
  'node_modules/pkg/index.js': 'x\n',
  '.git/HEAD': 'ref\n',
};

test('lists a tree to depth 2 by default, marking directories and skipping heavy folders', async () => {
  const { ctx } = memoryContext(files);
  const r = await listDirTool.run({}, ctx);
  assert.equal(
    r.output,
    [
      './',
      '  .git/ (contents skipped)',
      '  node_modules/ (contents skipped)',
      '  README.md',
      '  src/',
      '    index.ts',
      '    lib/',
      '[Not entered: .git, node_modules; pass include_skipped: true or list them directly to see inside.]',
    ].join('\n'),
  );
});

test('depth 3 and a subdirectory path', async () => {
  const { ctx } = memoryContext(files);
  const r = await listDirTool.run({ path: 'src', depth: 3 }, ctx);
  assert.equal(r.output, ['src/', '  index.ts', '  lib/', '    deep/', '      more/', '    util.ts'].join('\n'));
});

test('include_skipped enters node_modules', async () => {
  const { ctx } = memoryContext(files);
  const r = await listDirTool.run({ depth: 2, include_skipped: true }, ctx);
  assert.match(r.output, /node_modules\/\n {4}pkg\//);
  assert.doesNotMatch(r.output, /skipped/);
});

test('shows staged adds and hides staged deletes', async () => {
  const { ctx, staging } = memoryContext(files);
  await staging.writeFile('src/new.ts', new TextEncoder().encode('n\n'));
  await staging.writeFile('docs/guide.md', new TextEncoder().encode('g\n'));
  await staging.deleteFile('README.md');
  const r = await listDirTool.run({ depth: 2 }, ctx);
  assert.match(r.output, /\n {2}docs\/\n {4}guide\.md/);
  assert.match(r.output, /\n {4}new\.ts/);
  assert.doesNotMatch(r.output, /README/);
});

test('caps the number of entries and says so', async () => {
  const many: Record<string, string> = {};
  for (let i = 0; i < LIST_MAX_ENTRIES + 50; i++) many[`f${String(i).padStart(4, '0')}.txt`] = '';
  const { ctx } = memoryContext(many);
  const r = await listDirTool.run({ depth: 1 }, ctx);
  assert.equal(r.output.split('\n').filter((l) => l.startsWith('  f')).length, LIST_MAX_ENTRIES);
  assert.match(r.output, /capped at 400 entries/);
});

test('a file path or a missing path is an error; an empty dir says so', async () => {
  const { ctx, staging } = memoryContext({ 'a.txt': 'x', 'd/x': 'y' });
  await assert.rejects(listDirTool.run({ path: 'a.txt' }, ctx), /not a directory: use read_file/);
  await assert.rejects(listDirTool.run({ path: 'missing' }, ctx), /Directory not found: missing/);
  await staging.deleteFile('d/x');
  assert.match((await listDirTool.run({ path: 'd' }, ctx)).output, /empty directory/);
});
