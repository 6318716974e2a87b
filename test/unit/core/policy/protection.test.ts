// Protected paths anywhere in the tree (issue 16, classes 2 and 6): nested git
// repositories and `.git` files are refused outright, git config / hook / attribute files
// anywhere, and AGENTS.md, .vscode/ and .tandem/ below the root, are protected. The
// guard and the staging area use the same rules (src/core/policy/protection.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGuard } from '../../../../src/core/policy/createGuard';

const made: string[] = [];
after(async () => {
  for (const d of made) await fs.rm(d, { recursive: true, force: true });
});

async function guardIn(over: { protectedPatterns?: string[] } = {}) {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-prot-')));
  made.push(base);
  const ws = path.join(base, 'ws');
  await fs.mkdir(path.join(ws, 'vendor', 'lib'), { recursive: true });
  await fs.mkdir(path.join(ws, 'hooks-dir'), { recursive: true });
  // a link inside the workspace that leads into a nested repository's .git
  await fs.mkdir(path.join(ws, 'vendor', 'lib', '.git'), { recursive: true });
  await fs.symlink(path.join(ws, 'vendor', 'lib', '.git'), path.join(ws, 'innocent-git'));
  return { ws, guard: createGuard({ policy: 'on-request', workspaceRoot: ws, sandboxAvailable: true, trusted: true, ...over }) };
}

test('git internals anywhere in the tree are refused, whatever the case or alias', async () => {
  const { guard } = await guardIn();
  const refused = [
    '.git/config',
    'vendor/lib/.git/config',
    'vendor/lib/.git/hooks/post-checkout',
    'a/b/.GIT/HEAD',
    'sub/.git', // a .git FILE ("gitdir: ...") makes sub a repository pointing anywhere
    '.git',
    'x/.git./config', // Windows drops trailing dots and spaces
    'x/.git /config',
    'x/git~1/config', // the 8.3 short name of .git on NTFS
    'x/.git::$INDEX_ALLOCATION/config', // NTFS alternate stream syntax
    'x/.g\u200cit/config', // HFS+ ignores zero-width characters
    'innocent-git/config', // through a symlink into a nested .git
  ];
  for (const p of refused) {
    const a = await guard.assessWrite(p);
    assert.equal(a.action, 'deny', `${JSON.stringify(p)}: ${a.action} (${a.why})`);
    assert.match(a.why, /git/i, p);
  }
});

test('git config, hook and attribute files anywhere are protected (asked, flagged), not refused', async () => {
  const { guard } = await guardIn();
  for (const p of ['.gitattributes', 'src/.gitattributes', '.gitmodules', 'vendor/.gitmodules', 'x/.gitconfig', '.lfsconfig', '.husky/pre-commit', 'tools/.githooks/pre-push']) {
    const a = await guard.assessWrite(p);
    assert.ok(a.protected, `${p} is protected`);
    assert.equal(a.action, 'ask', p);
  }
  for (const p of ['docs/git/config', 'src/gitattributes.ts', 'my.gitignore.md', '.gitignore']) {
    const a = await guard.assessWrite(p);
    assert.equal(a.protected, undefined, `${p} is not protected`);
  }
});

test('AGENTS.md, .vscode/ and .tandem/ below the root are protected', async () => {
  const { guard } = await guardIn();
  for (const p of ['packages/app/AGENTS.md', 'packages/app/agents.md', 'sub/.vscode/settings.json', 'sub/.vscode/tasks.json', 'deep/er/.tandem/config.json', 'AGENTS.md', '.vscode/launch.json']) {
    const a = await guard.assessWrite(p);
    assert.ok(a.protected, `${p} is protected`);
    assert.equal(a.action, 'ask', p);
  }
  for (const p of ['docs/AGENTS.md.bak', 'src/vscode/settings.json', 'tandem/config.json']) {
    assert.equal((await guard.assessWrite(p)).protected, undefined, p);
  }
});

test('configured protected patterns add to the built-in ones and are checked on the real path too', async () => {
  const { ws, guard } = await guardIn({ protectedPatterns: ['hooks-dir/**'] });
  await fs.symlink(path.join(ws, 'hooks-dir'), path.join(ws, 'alias'));
  assert.ok((await guard.assessWrite('hooks-dir/x.sh')).protected);
  assert.ok((await guard.assessWrite('alias/x.sh')).protected, 'the link resolves into a protected folder');
  assert.ok((await guard.assessWrite('.vscode/settings.json')).protected, 'the built-in list stays');
});
