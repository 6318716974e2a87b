import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_COMMANDS, INIT_PROMPT, listSlashCommands, loadCustomPrompts, parseSlashCommand, resolveSlashCommand } from '../../../../src/core/commands/slash';
import { expandPrompt } from '../../../../src/core/commands/prompts';
import { tempDir } from '../agent/helpers';

function prompts() {
  const base = tempDir('tandem-prompts-');
  const home = path.join(base, 'home');
  const repo = path.join(base, 'repo');
  const write = (dir: string, file: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write(path.join(home, 'prompts'), 'fix-issue.md', '---\ndescription: Fix a GitHub issue\nargument-hint: ISSUE\n---\nFix issue $ARGUMENTS. Then check $ARGUMENTS is closed.\n');
  write(path.join(home, 'prompts'), 'explain.md', 'Explain this codebase.');
  write(path.join(home, 'prompts'), 'compact.md', 'I would shadow a built-in.');
  write(path.join(home, 'prompts'), 'bad name.md', 'x');
  write(path.join(home, 'prompts'), 'notes.txt', 'not a prompt');
  write(path.join(repo, '.tandem', 'prompts'), 'explain.md', 'Explain it the repository way.');
  return { tandemHome: home, repoRoot: repo };
}

test('custom prompts: discovery, precedence, reserved names, problems', async () => {
  const roots = prompts();
  const trusted = await loadCustomPrompts({ ...roots, trusted: true });
  assert.deepEqual(trusted.prompts.map((p) => `${p.name}:${p.scope}`), ['explain:repo', 'fix-issue:user']);
  const fix = trusted.prompts[1];
  assert.equal(fix.description, 'Fix a GitHub issue');
  assert.equal(fix.argumentHint, 'ISSUE');
  const problems = trusted.problems.join('\n');
  assert.match(problems, /compact\.md is skipped: \/compact is a built-in command/);
  assert.match(problems, /bad name\.md is skipped: its name/);
  assert.match(problems, /home\/prompts\/explain\.md is shadowed by .*repo\/\.tandem\/prompts\/explain\.md/);
  const untrusted = await loadCustomPrompts({ ...roots, trusted: false });
  assert.deepEqual(untrusted.prompts.map((p) => `${p.name}:${p.scope}`), ['explain:user', 'fix-issue:user']);
});

test('$ARGUMENTS is replaced; without it the arguments are appended, never lost', async () => {
  const { prompts: list } = await loadCustomPrompts({ ...prompts(), trusted: true });
  const fix = list.find((p) => p.name === 'fix-issue')!;
  assert.equal(expandPrompt(fix, ' #42 '), 'Fix issue #42. Then check #42 is closed.');
  const explain = list.find((p) => p.name === 'explain')!;
  assert.equal(expandPrompt(explain, ''), 'Explain it the repository way.');
  assert.equal(expandPrompt(explain, 'the parser'), 'Explain it the repository way.\n\nthe parser');
});

test('slash commands resolve; anything else is an ordinary message', async () => {
  const { prompts: list } = await loadCustomPrompts({ ...prompts(), trusted: true });
  assert.deepEqual(parseSlashCommand('/compact keep the API notes\nand more'), { name: 'compact', args: 'keep the API notes\nand more' });
  assert.equal(parseSlashCommand('no slash'), undefined);
  assert.deepEqual(resolveSlashCommand('/compact   the failing tests', list), { type: 'builtin', name: 'compact', args: 'the failing tests' });
  assert.deepEqual(resolveSlashCommand('/init', list), { type: 'builtin', name: 'init', args: '', message: INIT_PROMPT });
  assert.match((resolveSlashCommand('/init mention the monorepo', list) as { message: string }).message, /The user adds: mention the monorepo$/);
  const fix = resolveSlashCommand('/fix-issue 7', list);
  assert.equal(fix?.type, 'prompt');
  assert.equal(fix?.type === 'prompt' && fix.message, 'Fix issue 7. Then check 7 is closed.');
  assert.equal(resolveSlashCommand('/usr/bin/env is missing', list), undefined);
  assert.equal(resolveSlashCommand('/unknown thing', list), undefined);
});

test('the completion list: built-ins with descriptions, then custom prompts', async () => {
  const { prompts: list } = await loadCustomPrompts({ ...prompts(), trusted: true });
  const commands = listSlashCommands(list);
  assert.deepEqual(
    commands.map((c) => c.name),
    ['new', 'compact', 'review', 'skills', 'mcp', 'model', 'effort', 'init', 'explain', 'fix-issue'],
  );
  assert.ok(commands.every((c) => c.description.length > 0));
  assert.equal(commands.find((c) => c.name === 'compact')?.argumentHint, '[focus]');
  assert.equal(commands.find((c) => c.name === 'explain')?.description, 'Custom prompt (this repository)');
  assert.equal(commands.find((c) => c.name === 'fix-issue')?.kind, 'prompt');
  assert.equal(BUILTIN_COMMANDS.length, 8);
});
