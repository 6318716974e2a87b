// Linux /proc helpers for the editor areas: find a process tree by a command-line marker
// and read resident set sizes. Returns undefined (never a guess) when /proc is missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the command name is in parentheses and may contain spaces: ppid follows the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // exited while listing
    }
  }
  return out;
}

/**
 * The first process whose command line contains `inner`, among the descendants of the
 * process whose command line contains `rootMarker` (e.g. code-server's user-data-dir).
 */
export function findDescendant(rootMarker: string, inner: RegExp): { pid: number; cmdline: string } | undefined {
  if (!existsSync('/proc')) return undefined;
  const all = processes();
  const roots = all.filter((p) => p.cmdline.includes(rootMarker));
  const tree = new Set(roots.map((p) => p.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const hit = all.find((p) => tree.has(p.pid) && inner.test(p.cmdline));
  return hit ? { pid: hit.pid, cmdline: hit.cmdline } : undefined;
}

/** VmRSS of a process in bytes, or undefined when it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
