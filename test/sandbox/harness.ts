// Shared set-up for the adversarial catalogue and the sandbox integration tests: a
// temp workspace with a fake home beside it (sentinels outside the sandbox view), the
// real staging area and node workspace, and byte snapshots to prove nothing escaped.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createNodeWorkspace } from '../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../src/core/staging/stagingArea';
import { createSandboxedShell, detectSandbox } from '../../src/core/sandbox/sandboxedShell';
import type { Shell, ShellRequest, ShellResult } from '../../src/core/shell/types';
import type { StagingArea } from '../../src/core/staging/types';

export interface Harness {
  base: string;
  ws: string;
  home: string;
  outside: string;
  /** Tandem's storage folder (transcripts, staging areas): never visible to a command. */
  storage: string;
  staging: StagingArea;
  shell: Shell;
  run(command: string, opts?: RunOptions): Promise<ShellResult>;
  dispose(): Promise<void>;
}

export interface RunOptions {
  timeoutMs?: number;
  network?: boolean;
  cwd?: string;
  signal?: AbortSignal;
  onOutput?: ShellRequest['onOutput'];
  confirmImport?: ShellRequest['confirmImport'];
}

export interface HarnessOptions {
  baseEnv?: NodeJS.ProcessEnv;
  envAllow?: string[];
  importLimits?: { maxFiles?: number; maxBytes?: number };
}

const STORAGE_PARENT = path.resolve(__dirname, '..', '..', 'test-results', 'sandbox-storage');

export async function sandboxSkipReason(): Promise<string | undefined> {
  const s = await detectSandbox();
  return s.available ? undefined : `sandbox unavailable: ${s.reason}`;
}

export async function makeHarness(options: HarnessOptions = {}): Promise<Harness> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cat-')));
  const ws = path.join(base, 'ws');
  const home = path.join(base, 'home');
  const outside = path.join(base, 'outside');
  // Outside the hidden homes and /tmp, as a custom TANDEM_HOME or storage folder can be:
  // in the repository's (git-ignored) test-results folder.
  await fs.mkdir(STORAGE_PARENT, { recursive: true });
  const storage = await fs.mkdtemp(path.join(STORAGE_PARENT, 'storage-'));
  await fs.mkdir(path.join(storage, 'sessions'), { recursive: true });
  await fs.writeFile(path.join(storage, 'sessions', 'other.jsonl'), '{"transcript":"OTHER-SESSION-TRANSCRIPT"}\n');
  await fs.mkdir(path.join(ws, 'src'), { recursive: true });
  await fs.mkdir(path.join(ws, '.git', 'hooks'), { recursive: true });
  await fs.mkdir(path.join(ws, '.vscode'), { recursive: true });
  await fs.writeFile(path.join(ws, 'README.md'), '# project\n');
  await fs.writeFile(path.join(ws, 'src', 'a.ts'), 'export const a = 1;\n');
  await fs.writeFile(path.join(ws, '.git', 'config'), '[core]\n\tbare = false\n');
  await fs.writeFile(path.join(ws, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await fs.writeFile(path.join(ws, '.vscode', 'settings.json'), '{}\n');
  await fs.mkdir(path.join(home, '.ssh'), { recursive: true });
  await fs.writeFile(path.join(home, '.ssh', 'id_rsa'), 'FAKE-PRIVATE-KEY\n');
  await fs.mkdir(outside, { recursive: true });
  await fs.writeFile(path.join(outside, 'sentinel.txt'), 'untouched\n');
  const workspace = await createNodeWorkspace(ws);
  const staging = await createStagingArea(workspace, path.join(storage, 'staging', 'session'));
  // The fake home is hidden like the real one (the real HOME is hidden by default).
  const shell = createSandboxedShell({
    workspaceRoot: ws,
    staging,
    storageDir: storage,
    hiddenPaths: [home],
    pidsMax: 128,
    baseEnv: options.baseEnv,
    envAllow: options.envAllow,
    importLimits: options.importLimits,
  });
  return {
    base,
    ws,
    home,
    outside,
    storage,
    staging,
    shell,
    run(command, opts = {}) {
      return shell.run({
        command,
        cwd: opts.cwd ?? ws,
        timeoutMs: opts.timeoutMs ?? 20_000,
        signal: opts.signal ?? new AbortController().signal,
        network: opts.network,
        onOutput: opts.onOutput,
        confirmImport: opts.confirmImport,
      });
    },
    async dispose() {
      await fs.rm(base, { recursive: true, force: true });
      await fs.rm(storage, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` (symlinks as their target text) with a content hash. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(rel: string) {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const abs = path.join(dir, r);
      if (e.isDirectory()) {
        out.set(`${r}/`, 'dir');
        await walk(r);
      } else if (e.isSymbolicLink()) out.set(r, `link:${await fs.readlink(abs)}`);
      else {
        const mode = (await fs.lstat(abs)).mode.toString(8);
        out.set(r, `${mode}:${createHash('sha256').update(await fs.readFile(abs)).digest('hex')}`);
      }
    }
  }
  await walk('');
  return out;
}
