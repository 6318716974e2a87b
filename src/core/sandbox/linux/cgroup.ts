// A pids cgroup bounds fork bombs. RLIMIT_NPROC is not enforced for global root, so as
// root (CI) this is the only process-count bound; elsewhere it is best effort (the
// timeout and the pid namespace still end everything). Undefined when unavailable.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const CANDIDATES = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup'];

export async function createPidsCgroup(max: number): Promise<{ path: string; remove(): Promise<void> } | undefined> {
  for (const base of CANDIDATES) {
    try {
      await fs.access(path.join(base, 'cgroup.procs'));
      const dir = path.join(base, `tandem-${randomBytes(6).toString('hex')}`);
      await fs.mkdir(dir);
      try {
        await fs.writeFile(path.join(dir, 'pids.max'), String(max));
      } catch {
        await fs.rmdir(dir).catch(() => undefined);
        continue;
      }
      return {
        path: dir,
        async remove() {
          for (let i = 0; i < 20; i++) {
            try {
              await fs.rmdir(dir);
              return;
            } catch {
              await new Promise((r) => setTimeout(r, 50));
            }
          }
        },
      };
    } catch {
      // not mounted, not writable: try the next
    }
  }
  return undefined;
}
