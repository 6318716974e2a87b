import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createNodeShell } from '../../../../src/core/shell/nodeShell';
import { commandEnv, isSecretEnvName } from '../../../../src/core/shell/env';
import { OutputCollector } from '../../../../src/core/shell/output';
import type { ShellRequest } from '../../../../src/core/shell/types';

const req = (over: Partial<ShellRequest>): ShellRequest => ({ cwd: os.tmpdir(), timeoutMs: 10_000, signal: new AbortController().signal, ...over });

function alive(marker: string): boolean {
  return readdirSync('/proc').some((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}

test('runs a command string with bash -c, streams and returns output and exit code', async () => {
  const chunks: string[] = [];
  const r = await createNodeShell().run(req({ command: 'echo out; echo err >&2; exit 3', onOutput: (t) => chunks.push(t) }));
  assert.equal(r.exitCode, 3);
  assert.match(r.output, /out/);
  assert.match(r.output, /err/);
  assert.match(chunks.join(''), /out/);
  assert.equal(r.sandbox, 'unsandboxed');
  assert.equal(r.timedOut, false);
});

test('runs argv directly (no shell interpretation)', async () => {
  const r = await createNodeShell().run(req({ argv: ['echo', '$(id)', '; ls'] }));
  assert.equal(r.output, '$(id) ; ls\n');
});

test('strips secrets from the inherited environment, keeps explicit env', async () => {
  // HARMLESS is not an ordinary variable: since issue 16 it passes only when configured.
  const shell = createNodeShell({ baseEnv: { PATH: process.env.PATH, OPENAI_API_KEY: 'sk-x', GH_TOKEN: 't', AWS_ACCESS_KEY_ID: 'a', DB_PASSWORD: 'p', HARMLESS: 'ok' }, envAllow: ['HARMLESS'] });
  const r = await shell.run(req({ command: 'env', env: { EXPLICIT: 'yes' } }));
  assert.doesNotMatch(r.output, /sk-x|GH_TOKEN|AWS_ACCESS|DB_PASSWORD/);
  assert.match(r.output, /HARMLESS=ok/);
  assert.match(r.output, /EXPLICIT=yes/);
  assert.ok(isSecretEnvName('ANTHROPIC_API_KEY') && isSecretEnvName('MY_SECRET') && !isSecretEnvName('PATH'));
  assert.deepEqual(commandEnv({ A: '1', X_API_KEY: '2' }, undefined, {}, ['A']), { A: '1' });
});

test('a timeout kills the whole process tree', async () => {
  const r = await createNodeShell().run(req({ command: 'sleep 4321.1 & sleep 4321.2; echo never', timeoutMs: 300 }));
  assert.equal(r.timedOut, true);
  assert.doesNotMatch(r.output, /never/);
  for (let i = 0; i < 40 && alive('4321.'); i++) await new Promise((res) => setTimeout(res, 50));
  assert.equal(alive('4321.1') || alive('4321.2'), false);
});

test('abort kills the command; a pre-aborted signal does not leave it running', async () => {
  const ac = new AbortController();
  const p = createNodeShell().run(req({ command: 'sleep 4322.1', signal: ac.signal }));
  setTimeout(() => ac.abort(), 100);
  const r = await p;
  assert.equal(r.aborted, true);
  assert.equal(r.exitCode, null);
  assert.ok(r.signal);
});

test('reports a signal death and a missing program', async () => {
  const r = await createNodeShell().run(req({ command: 'kill -KILL $$' }));
  assert.equal(r.exitCode, null);
  assert.equal(r.signal, 'SIGKILL');
  const missing = await createNodeShell().run(req({ argv: ['/nonexistent/tandem-prog'] }));
  assert.equal(missing.exitCode, null);
  assert.match(missing.output, /Could not start/);
});

test('output is capped, keeping head and tail', async () => {
  const r = await createNodeShell({ outputCap: 1000 }).run(req({ command: 'echo START; yes line | head -n 5000; echo END' }));
  assert.ok(r.output.length < 1200);
  assert.match(r.output, /^START/);
  assert.match(r.output, /END\n$/);
  assert.match(r.output, /omitted/);
  const c = new OutputCollector(10);
  c.push('abcdefghijklmnop');
  assert.equal(c.truncated, true);
});

test('requires argv or command', async () => {
  await assert.rejects(createNodeShell().run(req({})), /argv or command/);
});
