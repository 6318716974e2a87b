// Finds out, by really running it once, whether the Linux sandbox works here: tools
// present, user + mount + net namespaces allowed, overlayfs mountable inside the user
// namespace, copy-up working, and the result importable. Returns a plain reason when not.
// The probe's launcher gets a small, fixed environment (PATH, HOME, LC_ALL=C: English
// error messages, which explain() reads) and, like every bash Tandem starts, no start-up
// files (shell/startup.ts): a slow ~/.bashrc must not make the probe slow.
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Confinement, SandboxStatus } from '../types';
import { runLinuxSandboxed } from './run';

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...envPath.split(':'), '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export async function detectLinuxSandbox(confinement: Confinement, env: NodeJS.ProcessEnv = process.env): Promise<SandboxStatus> {
  const envPath = env.PATH ?? '/usr/bin:/bin';
  if (!findOnPath('bwrap', envPath)) {
    return { available: false, reason: 'bubblewrap is not installed (install the "bubblewrap" package); every command asks first.' };
  }
  if (!findOnPath('unshare', envPath)) {
    return { available: false, reason: 'util-linux "unshare" is not installed; every command asks first.' };
  }
  const ws = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-probe-'));
  try {
    await fs.writeFile(path.join(ws, 'lower.txt'), 'lower\n');
    await fs.writeFile(path.join(ws, 'gone.txt'), 'gone\n');
    const ac = new AbortController();
    const real = await fs.realpath(ws);
    const run = await runLinuxSandboxed(
      {
        workspaceRoot: real,
        deletions: [],
        ...confinement,
        pidsMax: 64,
        baseEnv: { PATH: envPath, HOME: env.HOME ?? os.homedir(), LC_ALL: 'C' },
      },
      {
        command: 'echo changed >> lower.txt && rm gone.txt && echo new > new.txt',
        cwd: real,
        timeoutMs: 20_000,
        signal: ac.signal,
      },
    );
    try {
      const o = run.outcome;
      if (!run.started) return { available: false, reason: explain(o.output) };
      if (o.exitCode !== 0) return { available: false, reason: `the sandbox started but a test command failed: ${o.output.trim().slice(0, 300)}` };
      const copied = await fs.readFile(path.join(run.upper, 'lower.txt'), 'utf8').catch(() => '');
      if (copied !== 'lower\nchanged\n') return { available: false, reason: 'overlay copy-up did not work in the sandbox.' };
      if (run.listing.get('')?.has('gone.txt')) return { available: false, reason: 'deletions inside the sandbox could not be detected.' };
      if ((await fs.readFile(path.join(ws, 'lower.txt'), 'utf8')) !== 'lower\n') {
        return { available: false, reason: 'the sandbox wrote through to the workspace; refusing to use it.' };
      }
      return { available: true };
    } finally {
      await run.cleanup();
    }
  } catch (err) {
    return { available: false, reason: explain((err as Error).message) };
  } finally {
    await fs.rm(ws, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Turns launcher errors into a sentence a user can act on. */
export function explain(raw: string): string {
  const text = raw.trim().split('\n').slice(-3).join(' ').slice(0, 300);
  if (/unshare failed|unshare: .*Operation not permitted|user namespace/i.test(text)) {
    return `user namespaces are disabled on this system (kernel setting or security policy): ${text}`;
  }
  if (/overlay/i.test(text)) return `overlayfs cannot be mounted in a user namespace (kernel too old?): ${text}`;
  if (/bwrap/i.test(text)) return `bubblewrap could not start the sandbox: ${text}`;
  return `the sandbox could not start: ${text || 'no error message'}`;
}
