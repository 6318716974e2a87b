// Nothing Tandem starts reads the user's shell start-up files. The fake HOME's files each
// record that they ran (a marker file) and then sleep 1 s, as a slow pyenv/nvm init
// would; the assertions are on the markers, never on time. The environment is the one
// in which bash sources ~/.bashrc even for `bash -c`: no SHLVL, SSH_CLIENT set (VS Code
// Remote-SSH) and, for a Node 'pipe', stdin a socket; plus BASH_ENV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeShell } from '../../../../src/core/shell/nodeShell';
import { createSandboxedShell, detectSandbox } from '../../../../src/core/sandbox/sandboxedShell';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';

const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tandem-rc-')));
const home = path.join(base, 'home');
const markers = path.join(base, 'markers');
const ws = path.join(base, 'ws');
const bin = path.join(base, 'bin');
const usedBwrap = path.join(base, 'used-bwrap');
for (const d of [home, markers, ws, bin]) mkdirSync(d);
// a bwrap on the given PATH that notes its use: proves the probe ran with this env
writeFileSync(path.join(bin, 'bwrap'), `#!/bin/sh\necho used > '${usedBwrap}'\nexec /usr/bin/bwrap "$@"\n`, { mode: 0o755 });
const STARTUP_FILES = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.bashenv'];
for (const f of STARTUP_FILES) writeFileSync(path.join(home, f), `touch '${markers}/${f}'\nsleep 1\n`);
writeFileSync(path.join(ws, 'a.txt'), 'a\n');

const env: NodeJS.ProcessEnv = {
  PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  HOME: home,
  SSH_CLIENT: '192.0.2.1 50000 22',
  BASH_ENV: path.join(home, '.bashenv'),
};

const ran = () => readdirSync(markers);
const clear = () => {
  for (const m of ran()) rmSync(path.join(markers, m));
};
const req = (command: string) => ({ command, cwd: ws, timeoutMs: 30_000, signal: new AbortController().signal });

test.after(() => rmSync(base, { recursive: true, force: true }));

test('control: this bash does source ~/.bashrc for `bash -c` started like this', async () => {
  clear();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', 'true'], { env: { PATH: env.PATH, HOME: home }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end();
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  // without this, the tests below could not fail
  assert.ok(ran().includes('.bashrc'), `markers: ${ran().join(', ')}`);
});

test('a plain command reads no start-up file and still runs in bash', async () => {
  clear();
  const r = await createNodeShell({ baseEnv: env }).run(req('echo "$BASH_VERSION" > /dev/null && echo ran'));
  assert.equal(r.output, 'ran\n');
  assert.deepEqual(ran(), []);
});

test('the sandbox probe reads no start-up file', async (t) => {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/bwrap')) return t.skip('Linux sandbox with /usr/bin/bwrap only');
  clear();
  const status = await detectSandbox({ env });
  if (!status.available) return t.skip(`sandbox unavailable: ${status.reason}`);
  assert.ok(existsSync(usedBwrap), 'the probe ran with the given PATH and HOME');
  assert.deepEqual(ran(), []);
});

test('a sandboxed command reads no start-up file (launcher stages and the command)', async (t) => {
  if (!(await detectSandbox()).available) return t.skip('sandbox unavailable here');
  clear();
  const staging = await createStagingArea(await createNodeWorkspace(ws), path.join(base, 'staging'));
  const shell = createSandboxedShell({ workspaceRoot: ws, staging, baseEnv: env });
  const r = await shell.run(req('cat a.txt && echo written > b.txt'));
  assert.equal(r.exitCode, 0, r.output);
  assert.equal(r.output, 'a\n');
  assert.deepEqual(r.stagedPaths, ['b.txt']);
  assert.deepEqual(ran(), []);
  assert.equal(existsSync(path.join(ws, 'b.txt')), false);
});
