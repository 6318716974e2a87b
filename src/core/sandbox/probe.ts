// The sandbox probe as a collaborator: whoever builds agents (the CLI, the editor host,
// a library user) creates one and passes it down; there is no process-wide cache.
//
// Contract:
//  - status() really probes at most once per probe object, and not at all when the
//    cache file holds a result for the same fingerprint (kernel, the launcher tools,
//    the user-namespace sysctls, the uid and the launcher scripts). Starting a probe
//    never blocks: callers that need the answer (a command) await it; the model request
//    does not (createAgent starts it in the background).
//  - peek() answers without waiting: the cached or probed status, or undefined while
//    the first probe runs.
//  - invalidate() forgets the result, in memory and on disk: the sandboxed shell calls
//    it when the launcher fails to start, so a stale "available" costs one failed
//    command, not every later start.
// The cache is advisory: an unreadable or foreign file is ignored and rewritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SandboxStatus } from './types';
import { findOnPath } from './linux/detect';
import { INNER_SCRIPT, OUTER_SCRIPT } from './linux/launcher';

export interface SandboxProbe {
  status(): Promise<SandboxStatus>;
  peek(): SandboxStatus | undefined;
  invalidate(): void;
}

export interface SandboxProbeOptions {
  /** Runs the real probe (detectSandbox). */
  detect: () => Promise<SandboxStatus>;
  /** JSON file caching the result across processes (e.g. <storageDir>/sandbox-probe.json); none: no cache. */
  cacheFile?: string;
  /** PATH the launcher tools are looked up on (default process.env.PATH). */
  envPath?: string;
}

/** The cache file's name in a storage dir (CLI ~/.tandem, VS Code globalStorage). */
export const SANDBOX_PROBE_FILE = 'sandbox-probe.json';

/** Bumped when the meaning of a cached result changes. */
const CACHE_FORMAT = 1;

/** Kernel settings that decide whether unprivileged user namespaces work. */
const USERNS_SETTINGS = [
  '/proc/sys/kernel/unprivileged_userns_clone',
  '/proc/sys/user/max_user_namespaces',
  '/proc/sys/kernel/apparmor_restrict_unprivileged_userns',
];

interface CacheFile {
  format: number;
  key: string;
  status: SandboxStatus;
  probedAt: number;
}

export function createSandboxProbe(options: SandboxProbeOptions): SandboxProbe {
  let known: SandboxStatus | undefined;
  let running: Promise<SandboxStatus> | undefined;
  let key: string | undefined;
  let cacheRead = false;
  const fingerprintKey = () => (key ??= probeFingerprint(options.envPath ?? process.env.PATH ?? ''));

  const readCache = (): void => {
    if (cacheRead || !options.cacheFile) return;
    cacheRead = true;
    try {
      const c = JSON.parse(readFileSync(options.cacheFile, 'utf8')) as CacheFile;
      if (c.format === CACHE_FORMAT && c.key === fingerprintKey() && typeof c.status?.available === 'boolean') known = c.status;
    } catch {
      // no cache yet, or unreadable: probe
    }
  };

  const writeCache = (status: SandboxStatus): void => {
    if (!options.cacheFile) return;
    const body: CacheFile = { format: CACHE_FORMAT, key: fingerprintKey(), status, probedAt: Date.now() };
    const tmp = `${options.cacheFile}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(options.cacheFile), { recursive: true });
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, options.cacheFile); // atomic: a concurrent start reads old or new, never half
    } catch {
      rmSync(tmp, { force: true });
    }
  };

  return {
    peek() {
      readCache();
      return known;
    },
    status() {
      readCache();
      if (known) return Promise.resolve(known);
      running ??= options.detect().then(
        (status) => {
          running = undefined;
          known = status;
          writeCache(status);
          return status;
        },
        (err: unknown) => {
          running = undefined;
          return { available: false, reason: `the sandbox could not be checked: ${err instanceof Error ? err.message : String(err)}` };
        },
      );
      return running;
    },
    invalidate() {
      known = undefined;
      if (options.cacheFile) rmSync(options.cacheFile, { force: true });
    },
  };
}

/**
 * What a probe result depends on, as one string: cheap (stats and a few small reads, no
 * process), so a start with a valid cache costs well under a millisecond.
 */
export function probeFingerprint(envPath: string): string {
  const parts: string[] = [`format ${CACHE_FORMAT}`, process.platform, process.arch, os.release(), os.version(), `uid ${process.getuid?.() ?? -1}`];
  for (const tool of ['bwrap', 'unshare', 'mount']) {
    const found = findOnPath(tool, envPath);
    let id = 'absent';
    if (found) {
      try {
        const st = statSync(found);
        id = `${found} ${st.size} ${st.mtimeMs} ${st.ino}`;
      } catch {
        // vanished between the lookup and the stat: absent
      }
    }
    parts.push(`${tool} ${id}`);
  }
  for (const setting of USERNS_SETTINGS) {
    let value = 'absent';
    try {
      value = readFileSync(setting, 'utf8').trim();
    } catch {
      // not this kernel's setting
    }
    parts.push(`${setting} ${value}`);
  }
  parts.push(createHash('sha256').update(OUTER_SCRIPT).update(INNER_SCRIPT).digest('hex').slice(0, 16));
  return parts.join('\n');
}
