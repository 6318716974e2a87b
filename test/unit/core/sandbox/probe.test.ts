// The sandbox probe as a collaborator: cached on disk per fingerprint, never blocking
// the agent; only commands wait for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSandboxProbe, probeFingerprint } from '../../../../src/core/sandbox/probe';
import type { SandboxStatus } from '../../../../src/core/sandbox/types';
import { defaultShells } from '../../../../src/core/agent/defaults';
import { createAgent } from '../../../../src/core/agent/createAgent';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { denyAll } from '../../../../src/core/approvals/types';
import { ScriptedClient, callsReply, fakeStaging, tempDir, textReply } from '../agent/helpers';

/** A detect() the test answers by hand, counting calls. */
function manualDetect() {
  const calls: ((s: SandboxStatus) => void)[] = [];
  return {
    calls,
    detect: () => new Promise<SandboxStatus>((resolve) => calls.push(resolve)),
    answer(s: SandboxStatus) {
      for (const resolve of calls.splice(0)) resolve(s);
    },
  };
}

test('probes once, caches on disk, and a later probe object reads the cache without probing', async () => {
  const cacheFile = path.join(tempDir('tandem-probe-'), 'nested', 'sandbox-probe.json');
  const d = manualDetect();
  const probe = createSandboxProbe({ detect: d.detect, cacheFile });
  assert.equal(probe.peek(), undefined);
  const a = probe.status();
  const b = probe.status();
  assert.equal(d.calls.length, 1, 'one probe for concurrent callers');
  d.answer({ available: true });
  assert.deepEqual(await a, { available: true });
  assert.deepEqual(await b, { available: true });
  assert.deepEqual(probe.peek(), { available: true });
  assert.ok(existsSync(cacheFile));

  const later = manualDetect();
  const next = createSandboxProbe({ detect: later.detect, cacheFile });
  assert.deepEqual(next.peek(), { available: true }, 'known without waiting');
  assert.deepEqual(await next.status(), { available: true });
  assert.equal(later.calls.length, 0);
});

test('a different fingerprint (another bwrap on PATH), a corrupt file or invalidate() probe again', async () => {
  const dir = tempDir('tandem-probe-');
  const cacheFile = path.join(dir, 'sandbox-probe.json');
  const first = createSandboxProbe({ detect: async () => ({ available: false, reason: 'no userns' }), cacheFile });
  assert.deepEqual(await first.status(), { available: false, reason: 'no userns' });

  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'bwrap'), '#!/bin/sh\n', { mode: 0o755 });
  assert.notEqual(probeFingerprint(`${bin}:/usr/bin`), probeFingerprint('/usr/bin'));
  let probed = 0;
  const other = createSandboxProbe({ detect: async () => (probed++, { available: true }), cacheFile, envPath: `${bin}:/usr/bin` });
  assert.equal(other.peek(), undefined);
  assert.deepEqual(await other.status(), { available: true });
  assert.equal(probed, 1);

  writeFileSync(cacheFile, '{not json');
  const afterCorruption = createSandboxProbe({ detect: async () => (probed++, { available: true }), cacheFile });
  assert.deepEqual(await afterCorruption.status(), { available: true });
  assert.equal(probed, 2);
  assert.equal(JSON.parse(readFileSync(cacheFile, 'utf8')).status.available, true, 'rewritten');

  afterCorruption.invalidate();
  assert.equal(existsSync(cacheFile), false);
  assert.equal(afterCorruption.peek(), undefined);
  await afterCorruption.status();
  assert.equal(probed, 3);
});

test('a probe that throws reports unavailable with the reason and caches nothing', async () => {
  const cacheFile = path.join(tempDir('tandem-probe-'), 'p.json');
  const probe = createSandboxProbe({ detect: async () => { throw new Error('spawn EACCES'); }, cacheFile });
  const s = await probe.status();
  assert.equal(s.available, false);
  assert.match(s.reason ?? '', /spawn EACCES/);
  assert.equal(existsSync(cacheFile), false);
});

test('defaultShells returns before the probe answers; commands wait, then run confined or plain', async () => {
  const d = manualDetect();
  const probe = createSandboxProbe({ detect: d.detect });
  const root = tempDir('tandem-ws-');
  const shells = defaultShells(root, fakeStaging(), 'auto', {}, probe);
  assert.equal(shells.shell.sandboxed, false, 'not confined until the probe says so');
  let settled = false;
  const ran = shells.shell.run({ command: 'echo plain', cwd: root, timeoutMs: 10_000, signal: new AbortController().signal }).then((r) => {
    settled = true;
    return r;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(settled, false, 'the command waits for the probe');
  d.answer({ available: false, reason: 'no bwrap' });
  const r = await ran;
  assert.equal(r.sandbox, 'unsandboxed');
  assert.equal(r.output, 'plain\n');
  assert.equal(await shells.sandboxAvailable, false);
  assert.equal(shells.shell.unavailableReason, 'no bwrap');
});

test("mode 'on': a cached \"unavailable\" throws at once; a late one fails commands with the reason", async () => {
  const cacheFile = path.join(tempDir('tandem-probe-'), 'p.json');
  await createSandboxProbe({ detect: async () => ({ available: false, reason: 'userns disabled' }), cacheFile }).status();
  const cached = createSandboxProbe({ detect: async () => ({ available: true }), cacheFile });
  assert.throws(() => defaultShells(tempDir(), fakeStaging(), 'on', {}, cached), /required but not available: userns disabled/);

  const d = manualDetect();
  const shells = defaultShells(tempDir(), fakeStaging(), 'on', {}, createSandboxProbe({ detect: d.detect }));
  d.answer({ available: false, reason: 'userns disabled' });
  await assert.rejects(shells.sandboxAvailable, /required but not available: userns disabled/);
  await assert.rejects(shells.shell.run({ command: 'true', cwd: tempDir(), timeoutMs: 1000, signal: new AbortController().signal }), /required/);
});

test('the first model request goes out while the probe is still running; the command waits for it', async () => {
  const d = manualDetect();
  const root = tempDir('tandem-ws-');
  const client = new ScriptedClient([callsReply([{ name: 'shell', args: { command: 'echo hi' } }]), textReply('done')]);
  const agent = await createAgent({
    model: { model: 'm' },
    workspace: await createNodeWorkspace(root),
    storageDir: tempDir('tandem-store-'),
    globalInstructionsDir: tempDir('g-'),
    approvals: denyAll,
    modelClient: client,
    sandboxProbe: createSandboxProbe({ detect: d.detect }),
  });
  const result = agent.run('run echo');
  while (client.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  assert.equal(d.calls.length, 1, 'the probe started, and has not answered');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(client.requests.length, 1, 'the command waits for the probe');
  // unavailable: `echo` is known safe, so it runs unsandboxed without asking
  d.answer({ available: false, reason: 'test' });
  const r = await result;
  assert.equal(r.status, 'completed', r.error);
  const cmd = r.items.find((i) => i.type === 'command_execution');
  assert.ok(cmd && cmd.type === 'command_execution');
  assert.equal(cmd.sandbox, 'unsandboxed');
  assert.equal(cmd.output, 'hi\n');
});
