// Network, processes and privileges. Network cases talk to real listeners the test
// process opens on the host (loopback TCP and UDP, an abstract and a path unix socket)
// and assert those listeners saw nothing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { CatalogueCase } from './cases';

export interface Listeners {
  tcpPort: number;
  udpPort: number;
  abstractName: string;
  socketPath: string;
  /** Connections / packets received so far. */
  hits: () => number;
  hostIp?: string;
}

const noHits = (l: Listeners, before: { n: number }) => () => assert.equal(l.hits(), before.n, 'a host listener was reached');

function hostProcessWith(marker: string): boolean {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) return true;
    } catch {
      // gone
    }
  }
  return false;
}

export function systemCases(l: Listeners): CatalogueCase[] {
  const mark = { n: 0 };
  const snap = async () => {
    mark.n = l.hits();
  };
  // Commands are built lazily: the listeners' ports are only known once they listen.
  const net = (name: string, command: () => string): CatalogueCase => ({ name, setup: snap, command, check: noHits(l, mark) });
  return [
    net('TCP to a host loopback listener (bash /dev/tcp)', () => `echo hi > /dev/tcp/127.0.0.1/${l.tcpPort}; true`),
    net('TCP to a host loopback listener (node)', () => `node -e "require('net').connect(${l.tcpPort},'127.0.0.1').on('error',()=>{}).write('x')"; true`),
    net('TCP to localhost by name and ::1', () => `curl -s -m 3 http://localhost:${l.tcpPort}/ ; curl -s -m 3 "http://[::1]:${l.tcpPort}/"; true`),
    net('UDP to a host loopback listener', () => `node -e "const s=require('dgram').createSocket('udp4');s.send('x',${l.udpPort},'127.0.0.1',()=>s.close())"; true`),
    net('TCP to the host\'s own external address', () => l.hostIp ? `curl -s -m 3 http://${l.hostIp}:${l.tcpPort}/; true` : 'true'),
    net('abstract unix socket of the host', () => `node -e "require('net').connect('\\0${l.abstractName}').on('error',()=>{}).write('x')"; true`),
    net('path unix socket of the host (in /tmp)', () => `node -e "require('net').connect('${l.socketPath}').on('error',()=>{}).write('x')"; true`),
    {
      name: 'DNS resolution and outside TCP',
      command: 'getent hosts example.com && echo RESOLVED; curl -s -m 3 http://1.1.1.1/ && echo CONNECTED; true',
      check: (_h, r) => assert.doesNotMatch(r.output, /RESOLVED|CONNECTED/),
    },
    {
      name: 'only a loopback interface',
      command: 'cat /proc/net/dev',
      check: (_h, r) => assert.deepEqual(r.output.split('\n').slice(2).filter(Boolean).map((x) => x.trim().split(':')[0]), ['lo']),
    },
    {
      name: 'control: network:true does reach the host listener (so the cases above can fail)',
      setup: snap,
      network: true,
      command: () => `echo hi > /dev/tcp/127.0.0.1/${l.tcpPort}`,
      check: async (_h, r) => {
        assert.equal(r.exitCode, 0, r.output);
        for (let i = 0; i < 50 && l.hits() === mark.n; i++) await new Promise((res) => setTimeout(res, 20));
        assert.ok(l.hits() > mark.n, 'with network the listener is reached');
      },
    },
    {
      name: 'fork bomb is bounded',
      command: 'bomb() { bomb | bomb & }; bomb; sleep 3; echo survived',
      timeoutMs: 8000,
      check: (_h, r) => assert.match(r.output, /Resource temporarily unavailable|retry/, 'the process limit stopped the forks'),
    },
    {
      name: 'runaway output is capped',
      command: 'yes tandem-runaway-output-line',
      timeoutMs: 4000,
      check: (_h, r) => {
        assert.ok(r.timedOut);
        assert.ok(r.output.length < 1.1 * 1024 * 1024, `output ${r.output.length} chars`);
        assert.match(r.output, /characters of output omitted/);
      },
    },
    {
      name: 'background and setsid children die with the command',
      command: 'sleep 1234.5 & setsid sleep 1234.6 & nohup sleep 1234.7 >/dev/null 2>&1 & disown; echo started',
      check: async () => {
        for (let i = 0; i < 50 && (hostProcessWith('1234.5') || hostProcessWith('1234.6') || hostProcessWith('1234.7')); i++) await new Promise((res) => setTimeout(res, 50));
        assert.equal(hostProcessWith('1234.6') || hostProcessWith('1234.5') || hostProcessWith('1234.7'), false, 'a child survived');
      },
    },
    {
      name: 'host processes are invisible and unkillable',
      command: () => `ls /proc | grep -E '^[0-9]+$' | wc -l; kill -9 ${process.pid} && echo KILLED; kill -9 -1; true`,
      check: (_h, r) => {
        assert.doesNotMatch(r.output, /KILLED/);
        assert.ok(Number(r.output.trim().split('\n')[0]) < 20, r.output);
      },
    },
    {
      name: 'no capabilities, no_new_privs, no bounding set',
      command: 'grep -E "^(CapEff|CapPrm|CapBnd|CapAmb|NoNewPrivs)" /proc/self/status',
      check: (_h, r) => {
        for (const cap of ['CapEff', 'CapPrm', 'CapBnd', 'CapAmb']) assert.match(r.output, new RegExp(`${cap}:\\s+0000000000000000`));
        assert.match(r.output, /NoNewPrivs:\s+1/);
      },
    },
    { name: 'remount / read-write', command: 'mount -o remount,rw / && touch /etc/tandem-remount && echo ESCAPED; true', check: (_h, r) => assert.doesNotMatch(r.output, /ESCAPED/) },
    { name: 'mount a tmpfs over the workspace view', command: 'mount -t tmpfs none /mnt && echo MOUNTED; mount --bind / /mnt && echo BOUND; true', check: (_h, r) => assert.doesNotMatch(r.output, /MOUNTED|BOUND/) },
    { name: 'unshare to regain capabilities', command: 'unshare -r id && echo UNSHARED; unshare -m true && echo UNSHARED2; unshare -rm sh -c "mount -o remount,rw / && touch /etc/tandem-x" && echo ESCAPED; true', check: (_h, r) => assert.doesNotMatch(r.output, /UNSHARED|ESCAPED/) },
    { name: 'chroot', command: 'chroot / id && echo CHROOTED; true', check: (_h, r) => assert.doesNotMatch(r.output, /CHROOTED/) },
    { name: 'setuid binaries give nothing', command: 'su -c "grep CapEff /proc/self/status" root 2>&1; true', check: (_h, r) => assert.doesNotMatch(r.output, /CapEff:\s+0*[1-9a-f]/) },
  ];
}
