import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discoverSkills, mentionedSkills, readSkillBody, renderSkillsList, SKILLS_LIST_CAP, type Skill } from '../../../../src/core/skills/skills';
import { parseFrontMatter } from '../../../../src/core/skills/frontMatter';
import { createLoadSkillTool } from '../../../../src/core/tools/loadSkill';
import { tempDir } from '../agent/helpers';

function skill(root: string, folder: string, name: string, description: string, body = `Do ${name} things.`): string {
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n${body}\n`);
  return dir;
}

function layout() {
  const base = tempDir('tandem-skills-');
  const tandemHome = path.join(base, 'home', '.tandem');
  const userHome = path.join(base, 'home');
  const repoRoot = path.join(base, 'repo');
  skill(path.join(repoRoot, '.tandem', 'skills'), 'deploy', 'deploy', 'Deploy the repo way');
  skill(path.join(repoRoot, '.agents', 'skills'), 'deploy', 'deploy', 'Deploy, cross-tool repo copy');
  skill(path.join(repoRoot, '.agents', 'skills'), 'lint', 'lint', 'Lint the repo');
  skill(path.join(tandemHome, 'skills'), 'deploy', 'deploy', 'Deploy the user way');
  skill(path.join(tandemHome, 'skills'), 'lint', 'lint', 'Lint, user copy');
  skill(path.join(tandemHome, 'skills'), 'notes', 'notes', 'Take notes');
  skill(path.join(userHome, '.agents', 'skills'), 'notes', 'notes', 'Notes, cross-tool user copy');
  skill(path.join(userHome, '.agents', 'skills'), 'pdf', 'pdf', `'Work with PDFs: "quoted: colon"'`);
  return { base, tandemHome, userHome, repoRoot };
}

test('precedence: repo .tandem > repo .agents > ~/.tandem > ~/.agents; losers are shadowed', async () => {
  const roots = layout();
  const found = await discoverSkills({ ...roots, trusted: true });
  const by = Object.fromEntries(found.skills.map((s) => [s.name, s]));
  assert.deepEqual(found.skills.map((s) => s.name), ['deploy', 'lint', 'notes', 'pdf'], 'sorted by name');
  assert.equal(by.deploy.description, 'Deploy the repo way');
  assert.equal(by.deploy.scope, 'repo');
  assert.equal(by.lint.description, 'Lint the repo');
  assert.equal(by.notes.description, 'Take notes');
  assert.equal(by.pdf.description, 'Work with PDFs: "quoted: colon"');
  assert.equal(by.pdf.path, path.join(roots.userHome, '.agents', 'skills', 'pdf', 'SKILL.md'));
  assert.deepEqual(found.shadowed.map((s) => `${s.name}:${s.description}`).sort(), ['deploy:Deploy the user way', 'deploy:Deploy, cross-tool repo copy', 'lint:Lint, user copy', 'notes:Notes, cross-tool user copy']);
});

test('an untrusted workspace gets no repository skills', async () => {
  const roots = layout();
  const found = await discoverSkills({ ...roots, trusted: false });
  assert.ok(found.skills.every((s) => s.scope === 'user'));
  assert.equal(found.skills.find((s) => s.name === 'deploy')?.description, 'Deploy the user way');
});

test('unusable skill folders are skipped with their reason', async () => {
  const base = tempDir('tandem-skills-');
  const root = path.join(base, 'skills');
  mkdirSync(path.join(root, 'no-front'), { recursive: true });
  writeFileSync(path.join(root, 'no-front', 'SKILL.md'), '# Just markdown\n');
  skill(root, 'Bad', 'Bad Name', 'x');
  mkdirSync(path.join(root, 'no-desc'));
  writeFileSync(path.join(root, 'no-desc', 'SKILL.md'), '---\nname: no-desc\n---\nbody');
  mkdirSync(path.join(root, 'bad-yaml'));
  writeFileSync(path.join(root, 'bad-yaml', 'SKILL.md'), '---\nname: [unclosed\n---\nbody');
  mkdirSync(path.join(root, 'empty-folder'));
  writeFileSync(path.join(root, 'stray.md'), 'not a folder');
  skill(root, 'good', 'good', 'Fine');
  const found = await discoverSkills({ tandemHome: base, trusted: true });
  assert.deepEqual(found.skills.map((s) => s.name), ['good']);
  const problems = found.problems.join('\n');
  assert.match(problems, /no-front is skipped: SKILL\.md has no front matter/);
  assert.match(problems, /Bad is skipped: its name "Bad Name" is not lowercase/);
  assert.match(problems, /no-desc is skipped: its front matter has no description/);
  assert.match(problems, /bad-yaml is skipped: its front matter is not valid YAML/);
  assert.equal(found.problems.length, 4);
});

test('front matter: body, CRLF, BOM, a missing close', () => {
  assert.deepEqual(parseFrontMatter('\uFEFF---\r\nname: a\r\n---\r\nbody\r\n'), { data: { name: 'a' }, body: 'body\r\n', present: true });
  assert.deepEqual(parseFrontMatter('no front matter'), { data: {}, body: 'no front matter', present: false });
  assert.throws(() => parseFrontMatter('---\nname: a\nbody'), /no closing "---"/);
  assert.throws(() => parseFrontMatter('---\n- a\n- b\n---\n'), /not a YAML mapping/);
  // CORE schema: no custom tags that could build objects
  assert.throws(() => parseFrontMatter('---\nx: !!js/function "function(){}"\n---\n'), /not valid YAML/);
});

test('the instructions list is byte-stable and capped', async () => {
  const roots = layout();
  const a = renderSkillsList((await discoverSkills({ ...roots, trusted: true })).skills);
  const b = renderSkillsList((await discoverSkills({ ...roots, trusted: true })).skills);
  assert.equal(a, b);
  assert.match(a, /^Skills: folders of instructions/);
  assert.match(a, /\n- deploy: Deploy the repo way \(.*repo\/\.tandem\/skills\/deploy\/SKILL\.md\)\n- lint:/);
  const many: Skill[] = Array.from({ length: 200 }, (_, i) => ({ name: `s${String(i).padStart(3, '0')}`, description: 'd'.repeat(500), path: `/x/s${i}/SKILL.md`, dir: `/x/s${i}`, scope: 'user' }));
  const capped = renderSkillsList(many);
  assert.ok(Buffer.byteLength(capped) <= SKILLS_LIST_CAP);
  assert.match(capped, /- … \d+ more skills not listed \(size limit\)\.$/);
  assert.match(capped, /d{299}… \(/, 'long descriptions are clipped');
  assert.equal(renderSkillsList([]), '');
});

test('$name mentions find known skills only, once each, in order', async () => {
  const { skills } = await discoverSkills({ ...layout(), trusted: true });
  const names = (t: string) => mentionedSkills(t, skills).map((s) => s.name);
  assert.deepEqual(names('Use $lint then $deploy, and $lint again'), ['lint', 'deploy']);
  assert.deepEqual(names('echo $HOME and $PATH and cost$deploy and \\$lint and $$pdf'), []);
  assert.deepEqual(names('($pdf) $notes.'), ['pdf', 'notes']);
  assert.deepEqual(names('$unknown-skill'), []);
});

test('load_skill returns the body and the folder files, and reads only inside the folder', async () => {
  const base = tempDir('tandem-skills-');
  const dir = skill(path.join(base, 'skills'), 'pdf', 'pdf', 'PDFs', 'Run scripts/fill.py to fill forms.');
  mkdirSync(path.join(dir, 'scripts'));
  writeFileSync(path.join(dir, 'scripts', 'fill.py'), 'print("fill")\n');
  writeFileSync(path.join(base, 'secret.txt'), 'outside');
  symlinkSync(path.join(base, 'secret.txt'), path.join(dir, 'escape.txt'));
  const { skills } = await discoverSkills({ tandemHome: base, trusted: true });
  assert.equal(await readSkillBody(skills[0]), 'Run scripts/fill.py to fill forms.');
  const tool = createLoadSkillTool(skills);
  const run = (args: { name: string; file?: string }) => tool.run(args, {} as never);
  const body = await run({ name: 'pdf' });
  assert.match(body.output, /^Skill "pdf" \(.*SKILL\.md\):\n\nRun scripts\/fill\.py to fill forms\./);
  assert.match(body.output, /\(read them with load_skill and file\):\n- scripts\/fill\.py$/, 'symlinks are not listed');
  assert.equal((await run({ name: '$pdf', file: 'scripts/fill.py' })).output, 'print("fill")\n');
  await assert.rejects(run({ name: 'pdf', file: '../secret.txt' }), /has no file|outside the skill's folder/);
  await assert.rejects(run({ name: 'pdf', file: 'escape.txt' }), /outside the skill's folder/);
  await assert.rejects(run({ name: 'nope' }), /There is no skill named "nope"\. Skills: pdf\./);
});
