// "Generate Commit Message with Tandem" from the Source Control view's title: a staged
// change in a git repository; the fake model answers; the message lands in the commit
// box, and nothing is committed. The model is given the staged diff, the repository's
// recent commit messages and AGENTS.md.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { waitUntil, withTandem } from './harness';

const MESSAGE = 'math: truncate the inputs before adding';
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Tandem e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

test('generate a commit message into the Source Control input from a staged change', { timeout: 240_000 }, async (t) => {
  const rules = [{ when: { instructionsContain: 'git commit messages' }, reply: { text: `\`\`\`\n${MESSAGE}\n\`\`\`` } }];
  const prepare = ({ workspace }: { workspace: string }) => {
    writeFileSync(path.join(workspace, 'AGENTS.md'), '# Rules\n\nCommit subjects start with the folder or module name and a colon.\n');
    git(workspace, 'init', '-q', '-b', 'main');
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'math: add the mean of a list');
    const file = path.join(workspace, 'src/math.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('return a + b;', 'return Math.trunc(a) + Math.trunc(b);'));
    git(workspace, 'add', 'src/math.ts');
  };
  await withTandem(t, { rules, prepare, openView: false }, async (s) => {
    const ws = s.server.workspace;
    // the Source Control view, then Tandem's action in its title
    await s.page.keyboard.press('Control+Shift+G');
    const input = s.page.locator('.scm-editor .view-lines');
    await input.first().waitFor({ state: 'visible', timeout: 60_000 });
    await s.titleAction('Generate Commit Message with Tandem');

    const text = await waitUntil('the message in the commit box', async () => {
      // the editor wraps long lines into several view lines: compare the words
      const shown = (await input.first().innerText()).replace(/[\s\u00a0]+/g, ' ').trim();
      return shown.includes(MESSAGE) ? shown : undefined;
    }, 90_000);
    assert.equal(text, MESSAGE, 'fences stripped; the box holds the message alone');
    await s.screenshot('scm');

    const [req] = (await s.fake.modelRequests()).slice(-1);
    const said = req.input.map((e) => (e.type === 'message' ? e.content : '')).join('\n');
    assert.match(said, /\+\s*return Math\.trunc\(a\) \+ Math\.trunc\(b\);/, 'the staged diff');
    assert.match(said, /math: add the mean of a list/, 'the recent commit style');
    assert.match(said, /start with the folder or module name/, 'AGENTS.md');

    // nothing was committed: one commit, the change still staged
    assert.equal(git(ws, 'rev-list', '--count', 'HEAD').trim(), '1');
    assert.match(git(ws, 'diff', '--cached', '--name-only'), /src\/math\.ts/);
  });
});
