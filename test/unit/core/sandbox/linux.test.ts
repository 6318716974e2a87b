import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bwrapArgs, checkMountablePath, parseListing, PROC_READ_ONLY } from '../../../../src/core/sandbox/linux/launcher';
import { explain } from '../../../../src/core/sandbox/linux/detect';
import { scanForeignOwned, buildOwnershipLayer } from '../../../../src/core/sandbox/linux/ownership';
import { createSandboxedShell, defaultConfinement, detectSandbox } from '../../../../src/core/sandbox/sandboxedShell';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';

const plan = {
  workspaceRoot: '/w',
  merged: '/m',
  cwd: '/w/src',
  network: false,
  hiddenDirs: ['/home', '/root'],
  hiddenFiles: [],
  readOnlyPaths: [],
  hasGitDir: true,
  nprocLimit: 0,
  command: ['/bin/bash', '-c', 'echo "$HOME"; rm -rf /'],
};

test('bwrap arguments: namespaces, no caps, read-only root, hidden homes, .git read-only', () => {
  const a = bwrapArgs(plan);
  const s = a.join(' ');
  for (const flag of ['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session']) assert.ok(a.includes(flag), flag);
  assert.ok(s.includes('--cap-drop ALL'));
  assert.ok(s.includes('--ro-bind / /'));
  assert.ok(!a.includes('--share-net'));
  for (const p of PROC_READ_ONLY) assert.ok(s.includes(`--ro-bind-try ${p} ${p}`));
  assert.ok(s.includes('--tmpfs /home') && s.includes('--tmpfs /root'));
  assert.ok(s.includes('--bind /m /w'));
  assert.ok(s.includes('--ro-bind /m/.git /w/.git'));
  assert.ok(a.indexOf('--bind') < a.lastIndexOf('/w/.git'), '.git is bound read-only after the workspace');
  // the command is passed as separate argv entries, never spliced into the script
  assert.deepEqual(a.slice(-3), plan.command);
  assert.ok(bwrapArgs({ ...plan, network: true }).includes('--share-net'));
});

test('paths overlayfs options cannot carry are refused', () => {
  for (const p of ['/a,b', '/a:b', '/a\\b', '/a\nb']) assert.throws(() => checkMountablePath(p));
  assert.doesNotThrow(() => checkMountablePath('/tmp/work space/é'));
});

test('the merged listing parses into directory -> names', () => {
  const m = parseListing('D.\0Ea\0E.git\0D./src\0Ex.ts\0D./.hidden\0');
  assert.deepEqual([...m.keys()], ['', 'src', '.hidden']);
  assert.deepEqual([...m.get('')!], ['a', '.git']);
  assert.deepEqual([...m.get('src')!], ['x.ts']);
  assert.equal(m.get('.hidden')!.size, 0);
});

test('launcher errors become plain reasons', () => {
  assert.match(explain('unshare: unshare failed: Operation not permitted'), /user namespaces are disabled/);
  assert.match(explain('tandem-sandbox: cannot mount the overlay'), /overlayfs/);
  assert.match(explain('bwrap: Creating new namespace failed'), /bubblewrap/);
});

test('default confinement hides homes, runtime dirs and tmp', () => {
  const c = defaultConfinement();
  for (const d of ['/root', '/tmp', os.homedir()]) assert.ok(c.hiddenDirs.includes(d), d);
});

test('the ownership scan finds foreign-owned dirs and writable files (EOVERFLOW fallback)', async (t) => {
  if (process.getuid?.() !== 0) return t.skip('needs root to chown test files');
  const ws = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-own-'));
  const fix = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-fix-'));
  try {
    await fs.mkdir(path.join(ws, 'theirs'));
    await fs.writeFile(path.join(ws, 'theirs', 'shared.txt'), 'shared', { mode: 0o666 });
    await fs.writeFile(path.join(ws, 'mine.txt'), 'mine');
    await fs.chown(path.join(ws, 'theirs'), 4242, 4242);
    await fs.chown(path.join(ws, 'theirs', 'shared.txt'), 4242, 4242);
    await fs.chmod(path.join(ws, 'theirs', 'shared.txt'), 0o666);
    const scan = await scanForeignOwned(ws, 0, 0);
    assert.deepEqual(scan, { dirs: ['theirs'], files: ['theirs/shared.txt'], truncated: false });
    assert.equal(await buildOwnershipLayer(ws, scan, fix), true);
    assert.equal(await fs.readFile(path.join(fix, 'theirs', 'shared.txt'), 'utf8'), 'shared');
    assert.equal((await fs.stat(path.join(fix, 'theirs'))).uid, 0);
  } finally {
    await fs.rm(ws, { recursive: true, force: true });
    await fs.rm(fix, { recursive: true, force: true });
  }
});

test('fails closed: when the launcher cannot start, run() throws and nothing runs', async (t) => {
  if (!(await detectSandbox()).available) return t.skip('sandbox unavailable here');
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-fc-')));
  const ws = path.join(base, 'ws');
  const bin = path.join(base, 'bin');
  await fs.mkdir(ws);
  await fs.mkdir(bin);
  // unshare is found, bwrap is not: the outer stage starts, the sandbox never does.
  await fs.symlink('/usr/bin/unshare', path.join(bin, 'unshare'));
  await fs.symlink('/bin/mount', path.join(bin, 'mount'));
  try {
    const staging = await createStagingArea(await createNodeWorkspace(ws), path.join(base, 'staging'));
    let unavailable = 0; // a cached probe result is dropped when this happens
    const shell = createSandboxedShell({ workspaceRoot: ws, staging, baseEnv: { PATH: bin }, onUnavailable: () => unavailable++ });
    const marker = path.join(base, 'ran');
    await assert.rejects(
      shell.run({ argv: ['/usr/bin/touch', marker], cwd: ws, timeoutMs: 10_000, signal: new AbortController().signal }),
      /sandbox could not start/,
    );
    await assert.rejects(fs.access(marker));
    assert.equal(unavailable, 1);
    const noUnshare = createSandboxedShell({ workspaceRoot: ws, staging, baseEnv: { PATH: '/nonexistent' } });
    await assert.rejects(noUnshare.run({ argv: ['/usr/bin/touch', marker], cwd: ws, timeoutMs: 10_000, signal: new AbortController().signal }), /sandbox could not start/);
    await assert.rejects(fs.access(marker));
  } finally {
    await fs.rm(base, { recursive: true, force: true });
  }
});
