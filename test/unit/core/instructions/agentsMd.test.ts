import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadInstructionSources, loadProjectInstructions, findRepoRoot } from '../../../../src/core/instructions/agentsMd';
import { tempDir } from '../agent/helpers';

function layout() {
  const base = tempDir('tandem-agentsmd-');
  const home = path.join(base, 'home');
  const repo = path.join(base, 'outer', 'repo');
  const cwd = path.join(repo, 'packages', 'app');
  mkdirSync(home, { recursive: true });
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(cwd, { recursive: true });
  // above the repository: must not be read
  writeFileSync(path.join(base, 'outer', 'AGENTS.md'), 'OUTSIDE THE REPO');
  writeFileSync(path.join(home, 'AGENTS.md'), 'global rules');
  writeFileSync(path.join(repo, 'AGENTS.md'), 'repo rules');
  writeFileSync(path.join(repo, 'packages', 'AGENTS.md'), 'packages rules');
  writeFileSync(path.join(cwd, 'AGENTS.md'), 'app rules');
  return { base, home, repo, cwd };
}

test('order: global, repository root, every folder down to the working directory', async () => {
  const { home, repo, cwd } = layout();
  assert.equal(await findRepoRoot(cwd), repo);
  const sources = await loadInstructionSources({ globalDir: home, cwd });
  assert.deepEqual(sources.map((s) => s.text), ['global rules', 'repo rules', 'packages rules', 'app rules']);
  assert.deepEqual(sources.map((s) => s.scope), ['global', 'project', 'project', 'project']);
  const text = await loadProjectInstructions({ globalDir: home, cwd });
  assert.ok(text.indexOf('global rules') < text.indexOf('repo rules'));
  assert.ok(text.indexOf('packages rules') < text.indexOf('app rules'));
  assert.ok(!text.includes('OUTSIDE THE REPO'));
  assert.match(text, /<instructions source="\.\.\/\.\.\/AGENTS\.md">/);
});

test('without a repository, only the working directory (and global) are read', async () => {
  const base = tempDir('tandem-agentsmd-');
  const cwd = path.join(base, 'plain');
  mkdirSync(cwd);
  writeFileSync(path.join(base, 'AGENTS.md'), 'parent, not a repo');
  writeFileSync(path.join(cwd, 'AGENTS.md'), 'here');
  const sources = await loadInstructionSources({ cwd });
  assert.deepEqual(sources.map((s) => s.text), ['here']);
  assert.equal(await loadProjectInstructions({ cwd: path.join(base, 'nothing-here') }), '');
});

test('the total is capped; a cut file and an omitted one say so', async () => {
  const { home, cwd, repo } = layout();
  writeFileSync(path.join(repo, 'AGENTS.md'), 'é'.repeat(100)); // 200 bytes
  const sources = await loadInstructionSources({ globalDir: home, cwd, maxBytes: 112 });
  assert.equal(sources[0].text, 'global rules');
  assert.equal(sources[0].truncated, false);
  assert.equal(sources[1].truncated, true);
  assert.equal(sources[1].text, 'é'.repeat(50), 'cut on a character boundary within the remaining 100 bytes');
  assert.equal(sources[2].text, '');
  assert.equal(sources[2].truncated, true);
  const text = await loadProjectInstructions({ globalDir: home, cwd, maxBytes: 112 });
  assert.match(text, /\[truncated: the instructions size limit was reached\]/);
  assert.match(text, /\[omitted: the instructions size limit was reached\]/);
});

test('rule files teams already have: CLAUDE.md, then copilot instructions, then .cursorrules, where a folder has no AGENTS.md', async () => {
  const base = tempDir('tandem-agentsmd-');
  const repo = path.join(base, 'repo');
  const a = path.join(repo, 'a');
  const b = path.join(a, 'b');
  const c = path.join(b, 'c');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, '.github'), { recursive: true });
  mkdirSync(path.join(b, '.github'), { recursive: true });
  mkdirSync(c, { recursive: true });
  // root: AGENTS.md wins over everything else there
  writeFileSync(path.join(repo, 'AGENTS.md'), 'root agents');
  writeFileSync(path.join(repo, 'CLAUDE.md'), 'root claude (not read)');
  writeFileSync(path.join(repo, '.github', 'copilot-instructions.md'), 'root copilot (not read)');
  // a: CLAUDE.md before .cursorrules
  writeFileSync(path.join(a, 'CLAUDE.md'), 'a claude');
  writeFileSync(path.join(a, '.cursorrules'), 'a cursor (not read)');
  // b: copilot instructions before .cursorrules
  writeFileSync(path.join(b, '.github', 'copilot-instructions.md'), 'b copilot');
  writeFileSync(path.join(b, '.cursorrules'), 'b cursor (not read)');
  // c: only .cursorrules
  writeFileSync(path.join(c, '.cursorrules'), 'c cursor');
  const sources = await loadInstructionSources({ cwd: c });
  assert.deepEqual(sources.map((s) => s.text), ['root agents', 'a claude', 'b copilot', 'c cursor']);
  const text = await loadProjectInstructions({ cwd: c });
  assert.match(text, /^Project instructions follow \(read from: \.\.\/\.\.\/\.\.\/AGENTS\.md, \.\.\/\.\.\/CLAUDE\.md, \.\.\/\.github\/copilot-instructions\.md, \.cursorrules\)/);
  assert.match(text, /<instructions source="\.\.\/\.\.\/CLAUDE\.md">\na claude\n<\/instructions>/);
  assert.ok(!text.includes('not read'));
  // turned off: AGENTS.md only
  const off = await loadInstructionSources({ cwd: c, fallbacks: false });
  assert.deepEqual(off.map((s) => s.text), ['root agents']);
});
