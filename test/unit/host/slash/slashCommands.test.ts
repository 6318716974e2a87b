// The composer's slash commands on the host, over the real core's prompt and skill
// discovery (temporary folders) and a scripted session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverSkills, findRepoRoot, INIT_PROMPT, listSlashCommands, loadCustomPrompts, resolveSlashCommand, type Attachment, type ReasoningEffort } from '../../../../src/core/index';
import { REVIEW_REQUEST, SlashCommands, type SlashDeps, type SlashUi } from '../../../../src/host/slash/slashCommands';
import type { SessionController } from '../../../../src/host/session/sessionController';
import type { ConfigView, SkillSummary } from '../../../../src/protocol/messages';
import { RecordingNotifier } from '../fakes';

const core: SlashDeps['core'] = {
  loadCustomPrompts: async (...a) => loadCustomPrompts(...a),
  listSlashCommands: async (...a) => listSlashCommands(...a),
  resolveSlashCommand: async (...a) => resolveSlashCommand(...a),
  discoverSkills: async (...a) => discoverSkills(...a),
  findRepoRoot: async (...a) => findRepoRoot(...a),
};

function write(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const SKILL = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\nDo the ${name} thing.\n`;

function setup(options: { skills?: false; trusted?: boolean; session?: Partial<SessionController>; setupNeeded?: string; picks?: Partial<Record<'skill' | 'model' | 'effort', unknown>>; review?: boolean } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-slash-'));
  const home = path.join(root, 'home');
  const repo = path.join(root, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  write(path.join(repo, '.tandem', 'prompts', 'fixtests.md'), '---\ndescription: Fix the failing tests\nargument-hint: "[pattern]"\n---\nFix the tests matching $ARGUMENTS and nothing else.');
  write(path.join(home, '.tandem', 'prompts', 'standup.md'), 'Summarise what changed since yesterday.');
  if (options.skills !== false) {
    write(path.join(repo, '.tandem', 'skills', 'deploy', 'SKILL.md'), SKILL('deploy', 'Ship the app to staging'));
    write(path.join(home, '.agents', 'skills', 'notes', 'SKILL.md'), SKILL('notes', 'Keep release notes'));
  }

  const log: string[] = [];
  const sent: { text: string; attachments?: Attachment[] }[] = [];
  const updates: { model?: string; reasoningEffort?: ReasoningEffort }[] = [];
  const notifier = new RecordingNotifier();
  const view = { model: 'gpt-a', models: ['gpt-a', 'gpt-b'], reasoningEffort: 'medium', ...(options.setupNeeded ? { setupNeeded: { reason: options.setupNeeded } } : {}) } as ConfigView;
  const ui: SlashUi = {
    showMcp: async () => void log.push('showMcp'),
    pickSkill: async (skills) => (log.push(`pickSkill ${skills.map((s) => s.name).join(',')}`), options.picks?.skill as SkillSummary | undefined),
    pickModel: async (current, models) => (log.push(`pickModel ${current} ${models.join(',')}`), options.picks?.model as string | undefined),
    pickEffort: async (current) => (log.push(`pickEffort ${current}`), options.picks?.effort as ReasoningEffort | undefined),
    review: async (args) => (log.push(`review ${args}`), options.review ?? false),
    info: (m) => void log.push(`info ${m}`),
  };
  const slash = new SlashCommands({
    core,
    sessions: {
      current: options.session as SessionController | undefined,
      whenReady: async () => options.session as SessionController | undefined,
      send: async (text, attachments) => void sent.push({ text, ...(attachments ? { attachments } : {}) }),
      newSession: async () => void log.push('newSession'),
    },
    config: { current: async () => view, update: async (p) => (updates.push(p), view) },
    pushSnapshot: () => log.push('pushSnapshot'),
    notifier,
    folder: () => path.join(repo, 'src'),
    trusted: () => options.trusted ?? true,
    tandemHome: path.join(home, '.tandem'),
    userHome: home,
    ui,
  });
  mkdirSync(path.join(repo, 'src'));
  return { slash, log, sent, updates, notifier, repo, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

test('/ completes the built-in commands, then the custom prompts of the repository and of the user', async () => {
  const s = setup();
  const { commands, skills } = await s.slash.list();
  assert.deepEqual(
    commands.map((c) => c.name),
    ['new', 'compact', 'review', 'skills', 'mcp', 'model', 'effort', 'init', 'fixtests', 'standup'],
  );
  const fix = commands.find((c) => c.name === 'fixtests')!;
  assert.equal(fix.kind, 'prompt');
  assert.equal(fix.description, 'Fix the failing tests');
  assert.equal(fix.argumentHint, '[pattern]');
  assert.equal(commands.find((c) => c.name === 'compact')!.argumentHint, '[focus]');
  // with no session open, the skills a new session would get (repository and user)
  assert.deepEqual(skills.map((k) => [k.name, k.scope]), [['deploy', 'repo'], ['notes', 'user']]);
  s.cleanup();
});

test('an untrusted workspace offers none of its own prompts or skills', async () => {
  const s = setup({ trusted: false });
  const { commands, skills } = await s.slash.list();
  assert.ok(!commands.some((c) => c.name === 'fixtests'));
  assert.ok(commands.some((c) => c.name === 'standup'));
  assert.deepEqual(skills.map((k) => k.name), ['notes']);
  s.cleanup();
});

test("with a session open, $ offers that session's skills (the ones it can attach)", async () => {
  const agentSkills = [{ name: 'only', description: 'The session knows this one', path: '/x/SKILL.md', dir: '/x', scope: 'user' as const }];
  const s = setup({ session: { agent: { skills: () => agentSkills } } as unknown as Partial<SessionController> });
  assert.deepEqual((await s.slash.list()).skills, [{ name: 'only', description: 'The session knows this one', path: '/x/SKILL.md', scope: 'user' }]);
  s.cleanup();
});

test('a custom prompt is sent as the message, $ARGUMENTS replaced; attachments travel along', async () => {
  const s = setup();
  const attachments: Attachment[] = [{ type: 'file', path: 'src/a.test.ts' }];
  assert.equal(await s.slash.run('/fixtests parser', attachments), 'prompt');
  assert.deepEqual(s.sent, [{ text: 'Fix the tests matching parser and nothing else.', attachments }]);
  s.cleanup();
});

test('/init drafts AGENTS.md through a turn; /review sends a review request unless the editor has a review command', async () => {
  const s = setup();
  await s.slash.run('/init');
  await s.slash.run('/review the parser only');
  assert.deepEqual(s.sent.map((m) => m.text), [INIT_PROMPT, `${REVIEW_REQUEST}\n\nWhat to review, or what to focus on: the parser only`]);
  const withCommand = setup({ review: true });
  await withCommand.slash.run('/review');
  assert.deepEqual(withCommand.sent, []);
  assert.deepEqual(withCommand.log, ['review ']);
  s.cleanup();
  withCommand.cleanup();
});

test('commands that send a turn say first what setup is missing', async () => {
  const s = setup({ setupNeeded: 'Add your OpenAI API key.' });
  await assert.rejects(s.slash.run('/init'), /Add your OpenAI API key/);
  await assert.rejects(s.slash.run('/standup'), /Add your OpenAI API key/);
  assert.deepEqual(s.sent, []);
  s.cleanup();
});

test('/compact compacts the open session with the focus; with none open it says why not', async () => {
  const focuses: (string | undefined)[] = [];
  const s = setup({ session: { compact: async (focus?: string) => void focuses.push(focus) } });
  assert.equal(await s.slash.run('/compact keep the API decisions'), 'compact');
  await s.slash.run('/compact');
  assert.deepEqual(focuses, ['keep the API decisions', '']);
  const none = setup();
  await assert.rejects(none.slash.run('/compact'), /Nothing to compact yet/);
  s.cleanup();
  none.cleanup();
});

test('/new closes the session and shows the empty chat; /mcp reveals the MCP view', async () => {
  const s = setup();
  await s.slash.run('/new');
  await s.slash.run('/mcp');
  assert.deepEqual(s.log, ['newSession', 'pushSnapshot', 'showMcp']);
  s.cleanup();
});

test('/model and /effort: set directly with an argument, else picked; a bad effort is refused', async () => {
  const s = setup({ picks: { model: 'gpt-b', effort: 'low' } });
  await s.slash.run('/model my-local-model');
  await s.slash.run('/model');
  await s.slash.run('/effort HIGH');
  await s.slash.run('/effort');
  assert.deepEqual(s.updates, [{ model: 'my-local-model' }, { model: 'gpt-b' }, { reasoningEffort: 'high' }, { reasoningEffort: 'low' }]);
  assert.deepEqual(s.log, ['pickModel gpt-a gpt-a,gpt-b', 'pickEffort medium']);
  await assert.rejects(s.slash.run('/effort extreme'), /"extreme" is not a reasoning effort: use minimal, low, medium, high/);
  const dismissed = setup();
  await dismissed.slash.run('/model');
  assert.deepEqual(dismissed.updates, [], 'a dismissed picker changes nothing');
  s.cleanup();
  dismissed.cleanup();
});

test('/skills lists the skills; the one picked is attached to the composer', async () => {
  const s = setup({ picks: { skill: { name: 'deploy', description: 'Ship the app to staging', path: '/p/SKILL.md', scope: 'repo' } } });
  await s.slash.run('/skills');
  assert.deepEqual(s.log, ['pickSkill deploy,notes']);
  assert.deepEqual(s.notifier.of('composer/fill'), [{ text: '', attachments: [{ type: 'skill', name: 'deploy', path: '/p/SKILL.md' }] }]);
  s.cleanup();
  // no skills at all: the user is told where skills live
  const empty = setup({ skills: false });
  await empty.slash.run('/skills');
  assert.equal(empty.log.length, 1);
  assert.match(empty.log[0], /^info No skills yet\. A skill is a folder with a SKILL\.md/);
  assert.deepEqual(empty.notifier.of('composer/fill'), []);
  empty.cleanup();
});

test('a name that is no command is refused with a clear error', async () => {
  const s = setup();
  await assert.rejects(s.slash.run('/nope now'), /There is no command \/nope\. Type \/ to see the commands\./);
  assert.deepEqual(s.sent, []);
  s.cleanup();
});
