import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGuard, commandKey, readKey, assessKnownSafe } from '../../../../src/core/policy/createGuard';
import type { GuardOptions } from '../../../../src/core/policy/createGuard';

const made: string[] = [];
after(async () => {
  for (const d of made) await fs.rm(d, { recursive: true, force: true });
});

async function workspace(): Promise<string> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-')));
  made.push(base);
  const ws = path.join(base, 'ws');
  await fs.mkdir(path.join(ws, '.vscode'), { recursive: true });
  await fs.mkdir(path.join(ws, 'src'), { recursive: true });
  await fs.mkdir(path.join(base, 'outside'));
  await fs.writeFile(path.join(ws, '.env'), 'KEY=1');
  await fs.writeFile(path.join(ws, 'src', 'a.ts'), '');
  await fs.symlink(path.join(base, 'outside'), path.join(ws, 'out-link'));
  await fs.symlink(path.join(ws, '.vscode'), path.join(ws, 'innocent'));
  return ws;
}

const guardFor = async (over: Partial<GuardOptions> = {}) => {
  const ws = await workspace();
  return { ws, guard: createGuard({ policy: 'on-request', workspaceRoot: ws, sandboxAvailable: true, trusted: true, ...over }) };
};

const SAFE = ['ls -la', 'git status && git diff --stat | head -20', 'cat README.md; wc -l src/a.ts', "rg -n 'foo bar' src", 'find . -name "*.ts" -type f', 'git log --oneline -5', 'ls 2>/dev/null || echo none', 'grep -n x src/a.ts'];
const UNSAFE = [
  'git status; curl x', 'ls $(whoami)', 'ls `id`', 'git status\ncurl x', 'echo ${x@P}', 'env ls', 'xargs cat', 'find . -exec cat {} +',
  'find . -delete', './cat a', '/bin/ls', 'cat a > b', 'cat <<EOF\nx\nEOF', 'eval ls', 'sh -c ls', 'bash -c "ls"', 'timeout 5 ls', 'nohup ls',
  'FOO=1 ls', 'ls *', 'ls ~', 'ls {a,b}', 'rg --pre=sh x', 'grep -r x .', 'git -c core.pager=sh log', 'git diff --ext-diff', 'git log --output=x',
  'git push', 'git commit -m x', 'sort -o out in', 'uniq in out', 'tail -f log', 'ls (', 'echo "unterminated', 'ls; rm -rf /', 'ls | sh', 'cat .env', 'cat id_rsa',
  "echo $'\\x41'", 'ls & rm x', 'npm test', 'ls <(cat x)', 'cd .. && ls', '',
];

test('known-safe commands parse into plain allow-listed reads', async () => {
  for (const c of SAFE) {
    const v = await assessKnownSafe(c, { allowGit: true });
    assert.equal(v.safe, true, `${c}: ${v.reason}`);
  }
});

test('anything else is not known safe (real parse, not prefix)', async () => {
  for (const c of UNSAFE) {
    const v = await assessKnownSafe(c, { allowGit: true, isSecretPath: (a) => /(^|\/)(\.env|id_rsa)/.test(a) || a.startsWith('..') });
    assert.equal(v.safe, false, `${JSON.stringify(c)} was judged safe`);
  }
  const { ws, guard } = await guardFor({ sandboxAvailable: false });
  for (const c of ['cat /etc/shadow', 'cat ../x', 'ls /root/.ssh', 'cd .. && ls', 'cat src/../../x']) {
    assert.equal((await guard.assessCommand({ command: c, cwd: ws })).action, 'ask', c);
  }
});

test('git is not known safe in an untrusted workspace without a sandbox', async () => {
  assert.equal((await assessKnownSafe('git status', { allowGit: false })).safe, false);
  const { ws, guard } = await guardFor({ policy: 'untrusted', sandboxAvailable: false, trusted: false });
  assert.equal((await guard.assessCommand({ command: 'git status', cwd: ws })).action, 'ask');
  assert.equal((await guard.assessCommand({ command: 'ls', cwd: ws })).action, 'allow');
});

test('on-request: sandboxed commands run, escalations ask, no sandbox asks', async () => {
  const { ws, guard } = await guardFor();
  const run = await guard.assessCommand({ command: 'npm test', cwd: ws });
  assert.deepEqual([run.action, run.sandboxed], ['allow', true]);
  const esc = await guard.assessCommand({ command: 'npm install', cwd: ws, escalation: 'network' });
  assert.deepEqual([esc.action, esc.sandboxed], ['ask', true]);
  const out = await guard.assessCommand({ command: 'npm test', cwd: ws, escalation: 'unsandboxed' });
  assert.deepEqual([out.action, out.sandboxed], ['ask', false]);
  assert.equal((await guard.assessCommand({ command: 'cat .env', cwd: ws })).action, 'ask');
  const noSandbox = createGuard({ policy: 'on-request', workspaceRoot: ws, sandboxAvailable: false, trusted: true });
  assert.equal((await noSandbox.assessCommand({ command: 'npm test', cwd: ws })).action, 'ask');
  const safe = await noSandbox.assessCommand({ command: 'ls', cwd: ws });
  assert.deepEqual([safe.action, safe.sandboxed], ['allow', false]);
});

test('read-only, untrusted and full-access', async () => {
  const { ws } = await guardFor();
  const ro = createGuard({ policy: 'read-only', workspaceRoot: ws, sandboxAvailable: true, trusted: true });
  assert.equal((await ro.assessCommand({ command: 'npm test', cwd: ws })).action, 'deny');
  assert.equal((await ro.assessCommand({ command: 'ls', cwd: ws })).action, 'allow');
  assert.equal((await ro.assessWrite('src/a.ts')).action, 'deny');
  assert.equal((await ro.assessCommand({ command: 'ls', cwd: ws, escalation: 'network' })).action, 'deny');
  const un = createGuard({ policy: 'untrusted', workspaceRoot: ws, sandboxAvailable: true, trusted: true });
  assert.equal((await un.assessCommand({ command: 'npm test', cwd: ws })).action, 'ask');
  const full = createGuard({ policy: 'full-access', workspaceRoot: ws, sandboxAvailable: true, trusted: true });
  assert.deepEqual(await full.assessCommand({ command: 'rm -rf x', cwd: ws }).then((a) => [a.action, a.sandboxed]), ['allow', false]);
  const fullUntrusted = createGuard({ policy: 'full-access', workspaceRoot: ws, sandboxAvailable: true, trusted: false });
  assert.equal(fullUntrusted.policy, 'on-request', 'an untrusted workspace cannot run with full access');
});

test('commands outside the workspace are refused', async () => {
  const { ws, guard } = await guardFor();
  assert.equal((await guard.assessCommand({ command: 'ls', cwd: path.dirname(ws) })).action, 'deny');
  assert.equal((await guard.assessCommand({ command: 'ls', cwd: path.join(ws, 'out-link') })).action, 'deny');
});

test('protected writes: real path, case-insensitive, through symlinks', async () => {
  const { guard } = await guardFor();
  for (const p of ['.vscode/settings.json', '.VSCode/Settings.json', 'innocent/settings.json', 'x.code-workspace', 'sub/A.Code-Workspace', '.bashrc', 'sub/.zshrc', '.profile', '.tandem/config.json', 'AGENTS.md']) {
    const a = await guard.assessWrite(p);
    assert.ok(a.protected, `${p} is protected`);
    assert.equal(a.action, 'ask');
  }
  // git internals are refused outright since issue 16 (see protection.test.ts)
  for (const p of ['.git/hooks/pre-commit', '.git/config', '.GIT/CONFIG']) assert.equal((await guard.assessWrite(p)).action, 'deny', p);
  for (const p of ['src/a.ts', 'vscode/settings.json', 'my.bashrc.md', 'docs/git/config']) {
    const a = await guard.assessWrite(p);
    assert.equal(a.protected, undefined, `${p} is not protected`);
    assert.equal(a.action, 'allow');
  }
  const extra = createGuard({ policy: 'on-request', workspaceRoot: (await guardFor()).ws, sandboxAvailable: true, trusted: true, protectedPatterns: ['.github/workflows/**'] });
  assert.ok((await extra.assessWrite('.github/workflows/ci.yml')).protected);
});

test('writes and reads outside the workspace or through an escaping symlink are denied', async () => {
  const { ws, guard } = await guardFor();
  for (const p of ['../x', '/etc/passwd', 'out-link/x', path.join(ws, '..', 'outside', 'x'), path.join(ws + '-sibling', 'a')]) {
    assert.equal((await guard.assessWrite(p)).action, 'deny', p);
    assert.equal((await guard.assessRead(p)).action, 'deny', p);
  }
  assert.match((await guard.assessRead('out-link/x')).why, /symbolic link/);
  assert.equal((await guard.assessRead(path.join(ws, 'src', 'a.ts'))).action, 'allow');
});

test('secret reads ask, configurable deny list adds, session allow remembers', async () => {
  const { guard } = await guardFor({ secretPatterns: ['*.secret.json'] });
  for (const p of ['.env', '.env.local', 'config/.ENV.production', 'keys/id_rsa', 'keys/id_ed25519.pub', 'cert.pem', 'server.KEY', 'a.secret.json']) {
    assert.equal((await guard.assessRead(p)).action, 'ask', p);
  }
  assert.equal((await guard.assessRead('src/env.ts')).action, 'allow');
  guard.rememberSessionAllow(readKey('.env'));
  assert.equal((await guard.assessRead('.env')).action, 'allow');
  const { ws, guard: g2 } = await guardFor({ policy: 'untrusted' });
  const cmd = { command: 'npm test', cwd: ws };
  assert.equal((await g2.assessCommand(cmd)).action, 'ask');
  g2.rememberSessionAllow(commandKey(cmd));
  assert.equal((await g2.assessCommand(cmd)).action, 'allow');
  assert.equal((await g2.assessCommand({ command: 'npm test --x', cwd: ws })).action, 'ask');
});
