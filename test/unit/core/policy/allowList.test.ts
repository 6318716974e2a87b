// "Known safe" without a sandbox (issue 16, classes 3 and 4): flags are allow-listed per
// command, GNU long-option abbreviations and combined short flags cannot smuggle a
// refused flag in, every path-like value (after `=`, stuck to a short flag, or as the
// next argument) goes through the one realpath-based check, and `cd` moves that check.
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

async function noSandbox() {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-allow-')));
  made.push(base);
  const ws = path.join(base, 'ws');
  await fs.mkdir(path.join(ws, 'src'), { recursive: true });
  await fs.mkdir(path.join(base, 'outside'));
  await fs.writeFile(path.join(base, 'outside', 'secret.txt'), 'outside\n');
  await fs.writeFile(path.join(ws, 'src', 'a.ts'), 'a\n');
  await fs.writeFile(path.join(ws, 'README.md'), '# r\n');
  await fs.writeFile(path.join(ws, '.env'), 'KEY=1\n');
  await fs.symlink(path.join(base, 'outside'), path.join(ws, 'out-dir'));
  await fs.symlink(path.join(base, 'outside', 'secret.txt'), path.join(ws, 'notes.txt'));
  await fs.symlink(path.join(ws, '.env'), path.join(ws, 'config.txt'));
  // A tree where a path that stays inside from the root leaves it from src/ (for `cd`).
  const b = path.basename(base);
  await fs.mkdir(path.join(base, b, 'ws'), { recursive: true });
  await fs.writeFile(path.join(base, b, 'ws', 'x'), 'outside via cd\n');
  const guard = createGuard({ policy: 'on-request', workspaceRoot: ws, sandboxAvailable: false, trusted: true });
  return { ws, base, b, guard };
}

async function verdicts(commands: string[]) {
  const { ws, guard } = await noSandbox();
  const out: Record<string, string> = {};
  for (const c of commands) out[c] = (await guard.assessCommand({ command: c, cwd: ws })).action;
  return out;
}

test('GNU long-option abbreviations of refused options are not known safe', async () => {
  const cmds = [
    'sort --outp=out.txt README.md',
    'sort --out out.txt README.md',
    'sort --compress-prog=sh README.md',
    'sort --temporary-d=/tmp README.md',
    'diff --from=README.md src/a.ts',
    'diff --to-f=README.md src/a.ts',
    'wc --files0=README.md',
    'du --files0-f=README.md',
    'tail --foll README.md',
    'grep --recursiv x src',
    'grep --dereference-r x src',
    'rg --pre-g=x y',
    'rg --hidd x',
    'rg --no-ig x',
    'git log --outp=x',
    'git diff --ext-d',
    'git log -p --textc',
    'git log --open-files',
  ];
  for (const [c, a] of Object.entries(await verdicts(cmds))) assert.equal(a, 'ask', `${c} was ${a}`);
});

test('combined short flags are split, and values stuck to a short flag are checked', async () => {
  const cmds = ['file -bC README.md', 'file -bm magic README.md', 'sort -uo out.txt README.md', 'sort -ro out.txt README.md', 'tree -fo out.txt', 'tail -qf README.md', 'grep -nr x src', 'grep -inR x .', 'grep -f/etc/passwd README.md', 'rg -uu x', 'rg -zi x', 'rg -Lx x'];
  for (const [c, a] of Object.entries(await verdicts(cmds))) assert.equal(a, 'ask', `${c} was ${a}`);
});

test('values after "=" and as the next argument are checked as paths', async () => {
  const { ws, base, guard } = await noSandbox();
  const outside = path.join(base, 'outside', 'secret.txt');
  const cmds = [
    `wc --files0-from=${outside}`,
    `git blame --contents=${outside} README.md`,
    `git blame --contents ${outside} README.md`,
    `grep --file=${outside} README.md`,
    `grep -f ${outside} README.md`,
    `diff --label=x ${outside} README.md`,
    `rg --ignore-file=${outside} x`,
    'grep --file=.env README.md',
    'head -n1 .env',
    'cat -- .env',
    `git diff --no-index ${outside} README.md`,
  ];
  for (const c of cmds) assert.equal((await guard.assessCommand({ command: c, cwd: ws })).action, 'ask', c);
});

test('unknown flags ask rather than guess; ordinary reads stay known safe', async () => {
  const { ws, guard } = await noSandbox();
  for (const c of ['ls --frobnicate', 'cat --zzz README.md', 'git log --whatever', 'date 010100002030', 'find . -newer README.md -fls out', 'find -L . -name x', 'uniq README.md out.txt']) {
    assert.equal((await guard.assessCommand({ command: c, cwd: ws })).action, 'ask', c);
  }
  const safe = [
    'ls -la src',
    'ls --all --color=never',
    'cat -n README.md src/a.ts',
    'head -n 5 README.md',
    'head -5 README.md',
    'tail -n +2 README.md',
    'wc -lw README.md',
    'grep -n -e x -- README.md',
    'grep -rn x src'.replace('-rn', '-n'),
    "rg -n -g '*.ts' --max-count=3 x src",
    'rg --json -i x',
    'sort -u -k 2 README.md',
    'git log --oneline -n 5',
    'git log --format=%H%x09%s -5',
    'git diff --stat HEAD^ -- src',
    'git show HEAD:README.md',
    'git status --short --branch',
    'find . -name "*.ts" -type f -maxdepth 3',
    'find src -type d -print0',
    'date +%Y',
    'cd src && ls -la',
  ];
  for (const c of safe) {
    const a = await guard.assessCommand({ command: c, cwd: ws });
    assert.equal(a.action, 'allow', `${c}: ${a.why}`);
  }
});

test('symlinks are resolved with realpath: a link that leads outside (or to a secret) is not a known-safe read', async () => {
  const { ws, guard } = await noSandbox();
  for (const c of ['cat notes.txt', 'head -n 3 notes.txt', 'ls out-dir', 'cat out-dir/secret.txt', 'grep x notes.txt', 'cat config.txt', 'wc -l config.txt', 'stat out-dir']) {
    assert.equal((await guard.assessCommand({ command: c, cwd: ws })).action, 'ask', c);
  }
});

test('cd moves where later paths are resolved', async () => {
  const { ws, b, guard } = await noSandbox();
  // From the root, ../../<b>/ws/x resolves back inside; from src/ it leaves the workspace.
  const c = `cd src && cat ../../${b}/ws/x`;
  assert.equal((await guard.assessCommand({ command: c, cwd: ws })).action, 'ask', c);
  for (const bad of ['cd && cat .bashrc', 'cd - && ls', 'cd out-dir && cat secret.txt', 'cd /etc && cat passwd']) {
    assert.equal((await guard.assessCommand({ command: bad, cwd: ws })).action, 'ask', bad);
  }
});
