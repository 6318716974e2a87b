// One confined command on Linux: prepare per-command dirs (upper, work, merged, and the
// ownership-fix layer when needed), run unshare -> overlay -> bwrap -> command, and hand
// back the upper dir and merged listing for import. Fails closed: when the launcher
// never reached the inside of the sandbox, `started` is false and the caller must treat
// the command as not run.
import { promises as fs, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ShellRequest } from '../../shell/types';
import { commandEnv } from '../../shell/env';
import { runProcess, type ProcessOutcome } from '../../shell/process';
import { commandLine } from '../../shell/nodeShell';
import { withoutStartupFiles } from '../../shell/startup';
import { bwrapArgs, checkMountablePath, parseListing, unshareArgs } from './launcher';
import { buildOwnershipLayer, scanForeignOwned } from './ownership';
import { createPidsCgroup } from './cgroup';

export interface LinuxRunOptions {
  workspaceRoot: string;
  /** Staged contents (StagingArea.layerDir); may not exist yet. */
  layerDir?: string;
  /** Staged deletions, applied inside the overlay before the command. */
  deletions: string[];
  hiddenDirs: string[];
  hiddenFiles: string[];
  readOnlyPaths: string[];
  pidsMax: number;
  outputCap?: number;
  baseEnv: NodeJS.ProcessEnv;
  /** Variables passed on top of the ordinary ones (see shell/env.ts). */
  envAllow?: readonly string[];
  /** Where per-command dirs go (default os.tmpdir()). */
  scratchDir?: string;
}

export interface LinuxRun {
  outcome: ProcessOutcome;
  started: boolean;
  upper: string;
  listing: Map<string, Set<string>>;
  cleanup(): Promise<void>;
}

export async function runLinuxSandboxed(opts: LinuxRunOptions, request: ShellRequest): Promise<LinuxRun> {
  checkMountablePath(opts.workspaceRoot);
  if (opts.layerDir) checkMountablePath(opts.layerDir);
  const scratch = await fs.mkdtemp(path.join(opts.scratchDir ?? os.tmpdir(), 'tandem-sbx-'));
  checkMountablePath(scratch);
  const dirs = {
    upper: path.join(scratch, 'upper'),
    work: path.join(scratch, 'work'),
    merged: path.join(scratch, 'merged'),
    fix: path.join(scratch, 'fix'),
    listing: path.join(scratch, 'listing'),
  };
  for (const d of [dirs.upper, dirs.work, dirs.merged, dirs.fix]) await fs.mkdir(d);
  const cgroup = process.getuid?.() === 0 ? await createPidsCgroup(opts.pidsMax) : undefined;
  const cleanup = async () => {
    await cgroup?.remove();
    await fs.chmod(path.join(dirs.work, 'work'), 0o700).catch(() => undefined);
    await fs.rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    const scan = await scanForeignOwned(opts.workspaceRoot, uid, gid);
    const hasFix = await buildOwnershipLayer(opts.workspaceRoot, scan, dirs.fix);
    const lowers: string[] = [];
    if (opts.layerDir && existsSync(opts.layerDir)) lowers.push(opts.layerDir);
    if (hasFix) lowers.push(dirs.fix);
    lowers.push(opts.workspaceRoot);

    const [file, args] = commandLine(request);
    const env = withoutStartupFiles(commandEnv(opts.baseEnv, request.env, { TMPDIR: '/tmp' }, opts.envAllow));
    const bwrap = bwrapArgs({
      workspaceRoot: opts.workspaceRoot,
      merged: dirs.merged,
      cwd: request.cwd,
      network: request.network === true,
      hiddenDirs: opts.hiddenDirs,
      hiddenFiles: opts.hiddenFiles,
      readOnlyPaths: opts.readOnlyPaths,
      hasGitDir: isDir(path.join(opts.workspaceRoot, '.git')),
      nprocLimit: uid === 0 ? 0 : opts.pidsMax * 8,
      command: [file, ...args],
    });
    const outer = unshareArgs(
      { lower: lowers.join(':'), upper: dirs.upper, work: dirs.work, merged: dirs.merged, listing: dirs.listing, cgroup: cgroup?.path ?? '' },
      bwrap,
    );
    const outcome = await runProcess(
      {
        file: 'unshare',
        args: outer,
        cwd: '/',
        env,
        stdin: opts.deletions.map((p) => `${p}\0`).join(''),
        statusFd: true,
        outputCap: opts.outputCap,
        killOnAbort: true, // nothing of an aborted command is staged: no listing to wait for
      },
      request,
    );
    const started = outcome.status.startsWith('started');
    let listing = new Map<string, Set<string>>();
    try {
      listing = parseListing(await fs.readFile(dirs.listing, 'utf8'));
    } catch {
      // no listing: the outer stage did not get that far
    }
    if (started && !listing.has('')) {
      if (!outcome.timedOut && !outcome.aborted) {
        throw new Error('The sandbox ran the command but could not report its changes.');
      }
      // Killed before the listing: stage its writes; deletions cannot be known.
      outcome.output += '\n[tandem] the command was stopped; files it deleted (if any) were not staged.';
    }
    if (scan.truncated) outcome.output += '\n[tandem] workspace too large to check file owners; writes to files owned by other users may fail (EOVERFLOW).';
    return { outcome, started, upper: dirs.upper, listing, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
