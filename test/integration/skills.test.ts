// Skills, custom prompts and slash commands through the real CLI: the instructions list
// the skills; `$name` attaches a skill's body; load_skill reads one from the user's
// folder; `tandem skills` lists them; /init drafts a staged AGENTS.md; a custom prompt
// becomes the message; `/compact focus` reaches the summary request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fakeModelServers, makeRepo, modelFlags, runCli, sessionIdOf, tempDir } from './harness';

const server = fakeModelServers();

function writeSkill(root: string, name: string, description: string, body: string): void {
  mkdirSync(path.join(root, name), { recursive: true });
  writeFileSync(path.join(root, name, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n${body}\n`);
}

function setup() {
  const tandemHome = tempDir('tandem-it-home-');
  const home = tempDir('tandem-it-userhome-');
  writeSkill(path.join(tandemHome, 'skills'), 'pdf', 'Fill PDF forms', 'PDF-BODY: run scripts/fill.py.');
  writeSkill(path.join(home, '.agents', 'skills'), 'notes', 'Keep meeting notes', 'NOTES-BODY: use the template.');
  mkdirSync(path.join(tandemHome, 'prompts'), { recursive: true });
  writeFileSync(path.join(tandemHome, 'prompts', 'fix-issue.md'), '---\ndescription: Fix an issue\n---\nFix issue $ARGUMENTS and add a test.');
  const repo = makeRepo({ 'README.md': '# demo\n' });
  writeSkill(path.join(repo, '.tandem', 'skills'), 'deploy', 'Deploy this service', 'DEPLOY-BODY: run make deploy, never on Fridays.');
  return { env: { TANDEM_HOME: tandemHome, HOME: home }, repo, tandemHome, home };
}

const userMessages = (s: Awaited<ReturnType<typeof server>>, i: number) =>
  s.modelRequests()[i].input.filter((e) => e.type === 'message' && e.role === 'user').map((e) => (e as { content: string }).content);

test('the instructions list the skills; $name attaches the body; load_skill reads a user skill', async () => {
  const s = await server();
  const { env, repo, tandemHome, home } = setup();
  s.enqueue({ toolCalls: [{ name: 'load_skill', arguments: JSON.stringify({ name: 'pdf' }) }] }, { text: 'Deployed.' });
  const r = await runCli(['exec', '--cwd', repo, '--json', ...modelFlags(s.baseUrl, 'responses'), 'Please $deploy the service'], env);
  assert.equal(r.code, 0, r.stderr);
  const first = s.modelRequests()[0];
  assert.match(first.instructions, /Skills: folders of instructions/);
  assert.ok(first.instructions.includes(`- deploy: Deploy this service (${path.join(repo, '.tandem', 'skills', 'deploy', 'SKILL.md')})`));
  assert.ok(first.instructions.includes(`- notes: Keep meeting notes (${path.join(home, '.agents', 'skills', 'notes', 'SKILL.md')})`));
  assert.ok(first.instructions.includes(`- pdf: Fill PDF forms (${path.join(tandemHome, 'skills', 'pdf', 'SKILL.md')})`));
  assert.ok(!first.instructions.includes('DEPLOY-BODY'), 'bodies are not in the instructions');
  const [message] = userMessages(s, 0);
  assert.match(message, /^Please \$deploy the service\n\n<attachments>\nSkill "deploy" \(.*SKILL\.md\): the user asks you to follow these instructions\.\n`{3,}\nDEPLOY-BODY: run make deploy, never on Fridays\.\n`{3,}\n<\/attachments>$/);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const user = events.find((e) => e.type === 'item/completed' && e.item.type === 'user_message');
  assert.deepEqual(user.item.attachments, [{ type: 'skill', name: 'deploy', path: path.join(repo, '.tandem', 'skills', 'deploy', 'SKILL.md') }]);
  const loaded = s.modelRequests()[1].input.find((e) => e.type === 'function_call_output') as { output: string };
  assert.match(loaded.output, /^Skill "pdf" .*\n\nPDF-BODY: run scripts\/fill\.py\.$/);
  // same skills, same bytes: the next session's instructions are identical
  s.enqueue({ text: 'ok' });
  await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), 'again'], env);
  assert.equal(s.modelRequests().at(-1)!.instructions, first.instructions);
});

test('tandem skills lists skills and slash commands', async () => {
  const { env, repo } = setup();
  const r = await runCli(['skills', '--cwd', repo, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.skills.map((sk: { name: string; scope: string }) => `${sk.name}:${sk.scope}`), ['deploy:repo', 'notes:user', 'pdf:user']);
  assert.deepEqual(report.commands.map((c: { name: string }) => c.name), ['new', 'compact', 'review', 'skills', 'mcp', 'model', 'effort', 'init', 'fix-issue']);
  const text = await runCli(['skills', '--cwd', repo], env);
  assert.match(text.stdout, /^ {2}\$deploy {2}Deploy this service$/m);
  assert.match(text.stdout, /^ {2}\/compact \[focus\] {2}Compact the conversation now/m);
  assert.match(text.stdout, /^ {2}\/fix-issue {2}Fix an issue {2}\(.*fix-issue\.md\)$/m);
});

test('/init drafts an AGENTS.md, staged for review; a custom prompt becomes the message', async () => {
  const s = await server();
  const { env, repo } = setup();
  const patch = ['*** Begin Patch', '*** Add File: AGENTS.md', '+# Agents', '+Run `make test`.', '*** End Patch'].join('\n');
  s.enqueue({ toolCalls: [{ name: 'apply_patch', arguments: JSON.stringify({ patch }) }] }, { text: 'Drafted AGENTS.md.' });
  // AGENTS.md is a protected path: writing it asks (denied without a terminal), so this run allows it
  const r = await runCli(['exec', '--cwd', repo, '--approval', 'full-access', ...modelFlags(s.baseUrl, 'chat'), '/init'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(userMessages(s, 0)[0], /^Draft an AGENTS\.md for this repository/);
  assert.equal(existsSync(path.join(repo, 'AGENTS.md')), false, 'staged, not written');
  assert.match(r.stderr, /\+\+\+ b\/AGENTS\.md/);

  s.enqueue({ text: 'Fixed.' });
  const p = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'chat'), '/fix-issue 42'], env);
  assert.equal(p.code, 0, p.stderr);
  assert.equal(userMessages(s, s.modelRequests().length - 1)[0], 'Fix issue 42 and add a test.');

  const model = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'chat'), '/model gpt-5'], env);
  assert.equal(model.code, 2);
  assert.match(model.stderr, /\/model is for the editor; in the CLI use --model NAME/);
});

test('/compact [focus] on a resumed session passes the focus to the summary request', async () => {
  const s = await server();
  const { env, repo } = setup();
  s.enqueue({ text: 'First answer.' });
  const first = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), 'Remember the API notes'], env);
  assert.equal(first.code, 0, first.stderr);
  const id = sessionIdOf(first.stderr);
  s.enqueue({ text: 'SUMMARY: the user cares about the API notes.' });
  const r = await runCli(['resume', id, ...modelFlags(s.baseUrl, 'responses'), '/compact keep the API notes'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`Compacted session ${id}: about \\d+ → \\d+ tokens\\.`));
  const ask = userMessages(s, 1).at(-1)!;
  assert.match(ask, /^Your context window is almost full/);
  assert.match(ask, /The user asks the summary to keep, above all: keep the API notes$/);
  const fresh = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), '/compact'], env);
  assert.equal(fresh.code, 2);
  assert.match(fresh.stderr, /\/compact works on a saved session/);
});
