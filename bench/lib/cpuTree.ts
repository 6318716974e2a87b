// CPU accounting for the editor areas, from /proc: the CPU time (utime + stime, in 10 ms
// clock ticks) of this process and of each of its descendants grouped by role
// (code-server's extension host, file watcher, server and the built-in TypeScript server,
// Chromium's renderers, the rest of Chromium), and the whole machine's busy time, so a wall-clock figure can say whose
// work it was, or that the machine was busy with someone else's. Undefined without /proc.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // CLK_TCK is 100 on Linux

export interface CpuSnapshot {
  /** CPU ms by role (only processes alive at the snapshot). */
  roles: Record<string, number>;
  /** Machine-wide busy and total CPU ms (all cores) since boot. */
  busy: number;
  total: number;
}

function role(cmdline: string): string {
  if (/extensionHost/.test(cmdline)) return 'extension host';
  if (/--type=fileWatcher/.test(cmdline)) return 'file watcher';
  if (/--type=ptyHost/.test(cmdline)) return 'pty host';
  if (/tsserver|typingsInstaller/.test(cmdline)) return 'TypeScript server (built-in extension)';
  if (/code-server/.test(cmdline)) return 'code-server server';
  if (/chrom/.test(cmdline)) return /--type=renderer/.test(cmdline) ? 'browser renderers' : 'browser (other)';
  return 'other';
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const procs: { pid: number; ppid: number; cpu: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
      procs.push({ pid: Number(name), ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // exited while listing
    }
  }
  const roles: Record<string, number> = {};
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (mine.has(p.pid) || !mine.has(p.ppid)) continue;
      mine.add(p.pid);
      grew = true;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue;
      }
      const r = role(cmdline);
      roles[r] = (roles[r] ?? 0) + p.cpu;
    }
  }
  roles['bench process'] = procs.find((p) => p.pid === process.pid)?.cpu ?? 0;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0) * TICK_MS; // user … steal
  const idle = (cpu[3] + cpu[4]) * TICK_MS; // idle + iowait
  return { roles, busy: total - idle, total };
}

/** CPU ms used between two snapshots, by role, and the machine's busy / available ms. */
export function cpuBetween(a: CpuSnapshot | undefined, b: CpuSnapshot | undefined): CpuSnapshot | undefined {
  if (!a || !b) return undefined;
  const roles: Record<string, number> = {};
  for (const r of Object.keys(b.roles)) roles[r] = Math.max(0, b.roles[r] - (a.roles[r] ?? 0));
  return { roles, busy: b.busy - a.busy, total: b.total - a.total };
}
