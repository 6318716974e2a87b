import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SkillSummary, SlashCommand } from '../../../src/protocol';
import { activeCompletion, commandOf, complete, looksLikeCommand, matchCommands, matchSkills } from '../../../webview/components/composer/completion';

const commands: SlashCommand[] = [
  { name: 'new', description: 'Start a new session.', kind: 'builtin' },
  { name: 'compact', argumentHint: '[focus]', description: 'Compact the conversation now.', kind: 'builtin' },
  { name: 'review', description: 'Review the current changes.', kind: 'builtin' },
  { name: 'fixtests', description: 'Fix the failing tests', kind: 'prompt', path: '/r/.tandem/prompts/fixtests.md' },
  { name: 'standup', description: 'Custom prompt (yours)', kind: 'prompt', path: '/h/.tandem/prompts/standup.md' },
];
const skills: SkillSummary[] = [
  { name: 'deploy', description: 'Ship it', path: '/r/.tandem/skills/deploy/SKILL.md', scope: 'repo' },
  { name: 'release-notes', description: 'Notes', path: '/h/.agents/skills/release-notes/SKILL.md', scope: 'user' },
];

test('/ completes only at the start of the draft, while the caret is in the first word', () => {
  assert.deepEqual(activeCompletion('/', 1), { kind: 'command', start: 0, query: '' });
  assert.deepEqual(activeCompletion('  /comp', 7), { kind: 'command', start: 2, query: 'comp' });
  assert.equal(activeCompletion('/compact keep', 13), undefined, 'typing the arguments');
  assert.equal(activeCompletion('see /usr/bin', 12), undefined, 'a path in a sentence');
  assert.deepEqual(activeCompletion('/compact keep', 3), { kind: 'command', start: 0, query: 'co' }, 'the caret back in the name');
});

test('$ completes a skill at the start or after whitespace, never inside a word', () => {
  assert.deepEqual(activeCompletion('use $dep', 8), { kind: 'skill', start: 4, query: 'dep' });
  assert.deepEqual(activeCompletion('$', 1), { kind: 'skill', start: 0, query: '' });
  assert.equal(activeCompletion('costs US$5', 10), undefined);
  assert.equal(activeCompletion('echo $HOME/bin', 14), undefined, 'a path after the name');
  assert.equal(activeCompletion('$deploy now', 11), undefined, 'a space ends it');
});

test('matches: names that start with the query first, then names that contain it', () => {
  assert.deepEqual(matchCommands(commands, '').map((c) => c.name), ['new', 'compact', 'review', 'fixtests', 'standup']);
  assert.deepEqual(matchCommands(commands, 'e').map((c) => c.name), ['new', 'review', 'fixtests']);
  assert.deepEqual(matchCommands(commands, 'T').map((c) => c.name), ['compact', 'fixtests', 'standup']);
  assert.deepEqual(matchCommands(commands, 'zzz'), []);
  assert.deepEqual(matchSkills(skills, 'not').map((s) => s.name), ['release-notes']);
});

test('completing replaces the typed token and puts the caret after a space', () => {
  const text = '/comp';
  const out = complete(text, 5, activeCompletion(text, 5)!, 'compact');
  assert.deepEqual(out, { text: '/compact ', caret: 9 });
  const skillText = 'please $de and then';
  const skill = complete(skillText, 10, activeCompletion(skillText, 10)!, 'deploy');
  assert.equal(skill.text, 'please $deploy and then');
  assert.equal(skill.text.slice(0, skill.caret), 'please $deploy ');
});

test('Send runs a command only for a known name; anything else is a message', () => {
  assert.equal(commandOf('/compact keep the plan', commands)?.name, 'compact');
  assert.equal(commandOf('  /fixtests', commands)?.name, 'fixtests');
  assert.equal(commandOf('/usr/bin is missing', commands), undefined);
  assert.equal(commandOf('/compacted', commands), undefined);
  assert.equal(commandOf('please /compact', commands), undefined);
  assert.equal(looksLikeCommand('/x'), true);
  assert.equal(looksLikeCommand('/ alone'), false);
  assert.equal(looksLikeCommand('hi /x'), false);
});
