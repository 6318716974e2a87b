// The adversarial catalogue, run against the REAL sandbox (see SECURITY.md). Each case:
// snapshot the workspace (bytes and modes) and a sentinel outside, run the attack,
// assert nothing changed and the case's own check, then discard what was staged and
// assert again. Where the sandbox is unavailable every case is skipped with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dgram from 'node:dgram';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { makeHarness, sandboxSkipReason, snapshot } from './harness';
import { filesystemCases } from './filesystemCases';
import { systemCases, type Listeners } from './systemCases';
import { guardCases } from './guardCases';
import { holesCases } from './holesCases';
import type { CatalogueCase } from './cases';

let hits = 0;
const sockDir = path.join(os.tmpdir(), `tandem-cat-sock-${process.pid}`);
const listeners: Listeners = {
  tcpPort: 0,
  udpPort: 0,
  abstractName: `tandem-cat-${process.pid}`,
  socketPath: path.join(sockDir, 's.sock'),
  hits: () => hits,
  hostIp: Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address,
};
const servers: { close(): void }[] = [];

before(async () => {
  await fs.mkdir(sockDir, { recursive: true });
  for (const where of [{ port: 0, host: '0.0.0.0' }, { path: `\0${listeners.abstractName}` }, { path: listeners.socketPath }]) {
    const s = net.createServer((c) => {
      hits++;
      c.destroy();
    });
    await new Promise<void>((res) => s.listen(where as net.ListenOptions, () => res()));
    if ('port' in where) listeners.tcpPort = (s.address() as net.AddressInfo).port;
    servers.push(s);
  }
  const u = dgram.createSocket('udp4');
  u.on('message', () => hits++);
  await new Promise<void>((res) => u.bind(0, '127.0.0.1', () => res()));
  listeners.udpPort = u.address().port;
  servers.push(u);
});

after(async () => {
  for (const s of servers) s.close();
  await fs.rm(sockDir, { recursive: true, force: true });
});

const cases: CatalogueCase[] = [...filesystemCases, ...systemCases(listeners), ...guardCases, ...holesCases];

test('the catalogue has at least 40 cases', () => {
  assert.ok(cases.length >= 40, `${cases.length} cases`);
});

for (const c of cases) {
  test(c.name, async (t) => {
    const reason = await sandboxSkipReason();
    if (reason) {
      console.log(`skipped "${c.name}": ${reason}`);
      t.skip(reason);
      return;
    }
    const h = await makeHarness({ baseEnv: c.baseEnv });
    try {
      await c.setup?.(h);
      const before = await snapshot(h.ws);
      const sentinel = await fs.readFile(path.join(h.outside, 'sentinel.txt'), 'utf8');
      const command = typeof c.command === 'string' ? c.command : c.command(h);
      const r = await h.run(command, { timeoutMs: c.timeoutMs, network: c.network });
      assert.equal(r.sandbox, 'sandboxed');
      assert.deepEqual(await snapshot(h.ws), before, 'the workspace changed');
      assert.equal(await fs.readFile(path.join(h.outside, 'sentinel.txt'), 'utf8'), sentinel, 'the sentinel outside changed');
      assert.equal(sentinel, 'untouched\n');
      await c.check?.(h, r);
      await h.staging.discardAll();
      assert.deepEqual(await snapshot(h.ws), before, 'discarding changed the workspace');
    } finally {
      await h.dispose();
    }
  });
}
