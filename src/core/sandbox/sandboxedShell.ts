// The sandboxed shell: commands run confined against the session's staged view, and
// whatever they write lands in the staging area (see linux/launcher.ts for the
// mechanism, SECURITY.md for the promises). Fails closed: if the sandbox cannot be set
// up for a command, run() throws and the command does not run.
import { promises as fs, lstatSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Shell, ShellRequest, ShellResult } from '../shell/types';
import type { StagingArea } from '../staging/types';
import { runLinuxSandboxed } from './linux/run';
import { DEFAULT_IMPORT_LIMITS, importUpper, type ImportLimits, type ImportResult } from './linux/importUpper';
import { pathProtection } from '../policy/protection';
import { detectLinuxSandbox } from './linux/detect';
import { isInsideRoot } from '../util/paths';
import type { Confinement, SandboxStatus } from './types';

export type { Confinement, SandboxStatus } from './types';

export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}

/**
 * Really starts the sandbox, now (no cache: see probe.ts for the cached, shared
 * SandboxProbe). The reason is a plain sentence for the UI. `env` supplies PATH and HOME
 * (default process.env).
 */
export async function detectSandbox(options: { env?: NodeJS.ProcessEnv } = {}): Promise<SandboxStatus> {
  if (process.platform === 'linux') return detectLinuxSandbox(defaultConfinement(), options.env);
  if (process.platform === 'darwin') {
    return { available: false, reason: 'The macOS sandbox (sandbox-exec) is experimental and not enabled yet; every command asks first.' };
  }
  return { available: false, reason: `There is no command sandbox on ${process.platform}; every command asks first.` };
}

export interface SandboxedShellOptions {
  workspaceRoot: string;
  staging: StagingArea;
  /** Extra directories or files hidden inside the sandbox (replaced by empty ones). */
  hiddenPaths?: string[];
  /** Paths re-exposed read-only inside hidden directories (e.g. ~/.nvm). */
  readOnlyPaths?: string[];
  /** Process-count bound (pids cgroup as root, RLIMIT_NPROC otherwise). Default 512. */
  pidsMax?: number;
  outputCap?: number;
  /** Environment to inherit (default process.env), filtered by the allow list (shell/env.ts). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Variables (names, or NAME_* prefixes) passed on top of the ordinary ones. */
  envAllow?: readonly string[];
  /**
   * Tandem's storage folder (every session's transcript and staged files): always hidden
   * from commands, wherever it is (a custom TANDEM_HOME is not under a hidden home).
   */
  storageDir?: string;
  scratchDir?: string;
  /** Called when the launcher could not start a command (e.g. to drop a cached probe result). */
  onUnavailable?: () => void;
  /** Per-command caps on what is imported into staging (default 10,000 files, 100 MB). */
  importLimits?: Partial<ImportLimits>;
}

export function createSandboxedShell(options: SandboxedShellOptions): Shell {
  const root = realpathSync(options.workspaceRoot);
  const confinement = defaultConfinement([...(options.hiddenPaths ?? []), ...(options.storageDir ? [options.storageDir] : [])], options.readOnlyPaths);
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...definedOnly(options.importLimits) };
  const refused = pathProtection().refused;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    sandboxed: true,
    unavailableReason: undefined,
    run(request: ShellRequest): Promise<ShellResult> {
      // One command at a time per session: each imports into the one staging area.
      const next = queue.then(() => runOne(request));
      queue = next.catch(() => undefined);
      return next;
    },
  };

  async function runOne(request: ShellRequest): Promise<ShellResult> {
    if (process.platform !== 'linux') throw new SandboxUnavailableError('The sandbox only runs on Linux; the command did not run.');
    const cwd = await insideWorkspace(root, request.cwd);
    const deletions = (await options.staging.stagedPaths()).filter((p) => p.deleted).map((p) => p.path);
    const run = await runLinuxSandboxed(
      {
        workspaceRoot: root,
        layerDir: options.staging.layerDir,
        deletions,
        ...confinement,
        pidsMax: options.pidsMax ?? 512,
        outputCap: options.outputCap,
        baseEnv: options.baseEnv ?? process.env,
        envAllow: options.envAllow,
        scratchDir: options.scratchDir,
      },
      { ...request, cwd },
    );
    try {
      const o = run.outcome;
      if (!run.started && !o.timedOut && !o.aborted) {
        options.onUnavailable?.();
        throw new SandboxUnavailableError(`The sandbox could not start, so the command did not run: ${o.output.trim() || `exit code ${o.exitCode}`}`);
      }
      // The command ran: from here on nothing may turn that into "did not run".
      let imported: ImportResult = { paths: [], notes: [] };
      if (o.aborted) imported.notes.push('The command was stopped, so what it wrote was not staged.');
      else {
        try {
          imported = await importUpper({
            upper: run.upper,
            listing: run.listing,
            staging: options.staging,
            workspaceRoot: root,
            refused,
            limits,
            confirm: request.confirmImport,
            signal: request.signal,
          });
        } catch (err) {
          imported.notes.push(`What the command wrote could not be staged: ${(err as Error).message}`);
        }
      }
      return {
        exitCode: o.exitCode,
        signal: o.signal,
        output: o.output,
        timedOut: o.timedOut,
        aborted: o.aborted,
        durationMs: o.durationMs,
        stagedPaths: imported.paths,
        notes: imported.notes,
        sandbox: 'sandboxed',
      };
    } finally {
      // After an abort the caller must get its answer at once (the scratch dir of a
      // command that wrote 30,000 files takes seconds to remove): remove it meanwhile.
      if (request.signal.aborted) void run.cleanup().catch(() => undefined);
      else await run.cleanup();
    }
  }
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function insideWorkspace(root: string, cwd: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(cwd);
  } catch {
    throw new Error(`The working directory "${cwd}" does not exist.`);
  }
  if (!isInsideRoot(root, real)) throw new Error(`The working directory "${cwd}" is outside the workspace.`);
  return real;
}

/** Homes, runtime sockets and temp dirs are hidden; the Node toolchain stays visible. */
export function defaultConfinement(extraHidden: string[] = [], extraReadOnly: string[] = []): Confinement {
  const candidates = ['/home', '/root', os.homedir(), process.env.HOME ?? '', '/run', '/var/run', '/var/tmp', '/tmp', '/dev/shm', ...extraHidden];
  const hiddenDirs: string[] = [];
  const hiddenFiles: string[] = [];
  for (const c of candidates) {
    if (!c || !path.isAbsolute(c)) continue;
    const p = path.resolve(c);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory() && !hiddenDirs.includes(p)) hiddenDirs.push(p);
    else if (st.isFile() && !hiddenFiles.includes(p)) hiddenFiles.push(p);
  }
  // Parents before children, so a nested hidden dir is mounted inside its parent's tmpfs.
  hiddenDirs.sort((a, b) => a.length - b.length);
  const readOnlyPaths: string[] = [];
  const nodePrefix = path.dirname(path.dirname(realpathSync(process.execPath)));
  for (const p of [nodePrefix, ...extraReadOnly]) {
    if (hiddenDirs.some((h) => p === h || p.startsWith(h + path.sep))) readOnlyPaths.push(p);
  }
  return { hiddenDirs, hiddenFiles, readOnlyPaths };
}
