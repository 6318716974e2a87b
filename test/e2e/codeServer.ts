// One code-server (real VS Code 1.100 workbench + Node extension host) per test: a fresh
// user-data-dir and extensions-dir, the packaged VSIX installed, settings written, a free
// port. Teardown kills the whole process group (code-server forks the extension host,
// file watcher and pty host), also if the test process dies.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { codeServerEntry, sampleWorkspace, vsixPath } from './paths';

const execFileP = promisify(execFile);

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  /** code-server's own stdout/stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Settings every test starts from; tests merge their own on top. */
export const baseSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
// Last resort: a crashed or interrupted test process must not leave servers behind.
process.once('exit', () => {
  for (const c of live) killGroup(c, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const c of live) killGroup(c, 'SIGKILL');
    process.exit(130);
  });
}

export async function installVsix(userDataDir: string, extensionsDir: string): Promise<void> {
  if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run \`npm run package\` first`);
  const args = [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath];
  const { stdout, stderr } = await execFileP(process.execPath, args, { timeout: 120_000 });
  if (!/successfully installed|already installed/i.test(stdout + stderr)) {
    throw new Error(`installing ${vsixPath} failed:\n${stdout}\n${stderr}`);
  }
}

export interface CodeServerOptions {
  settings: Record<string, unknown>;
  label: string;
  /** Extra code-server arguments (e.g. ['--locale', 'qps-ploc']). */
  args?: string[];
  /** Runs after the workspace is copied and the VSIX installed, before code-server starts. */
  prepare?: (dirs: { workspace: string; userDataDir: string; extensionsDir: string }) => Promise<void> | void;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(codeServerEntry)) {
    throw new Error(`code-server is not set up (${codeServerEntry}): run scripts/setup-code-server.sh`);
  }
  const root = await mkdtemp(path.join(os.tmpdir(), `tandem-e2e-${options.label.slice(0, 40)}-`));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = path.join(root, 'sample-workspace');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await cp(sampleWorkspace, workspace, { recursive: true });
  await writeFile(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...baseSettings, ...options.settings }, null, 2),
  );
  await installVsix(userDataDir, extensionsDir);
  await options.prepare?.({ workspace, userDataDir, extensionsDir });

  const port = await freePort();
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.args ?? []),
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    detached: true, // own process group, so teardown reaches the extension host too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PASSWORD: undefined, HASHED_PASSWORD: undefined },
  });
  live.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));

  const stop = async () => {
    live.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    killGroup(child, 'SIGTERM');
    const t = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
    // the group may outlive its leader for a moment (extension host, watchers)
    killGroup(child, 'SIGKILL');
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, root, userDataDir, extensionsDir, workspace, output: () => out, stop };
}

/** Every log file under the user-data-dir's logs folder, newest last. */
export function logFiles(userDataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.log')) found.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/**
 * The extension host's logs: Tandem's own log channels (folders named after the
 * extension) and the newest extension host log, each with its last `lines` lines.
 * After a window reload there is one `exthostN` folder per host; all Tandem logs show.
 */
export function extensionHostLogTail(userDataDir: string, lines = 60): string {
  const all = logFiles(userDataDir);
  const tandem = all.filter((f) => f.includes(`${path.sep}tandem-dev.tandem${path.sep}`) || /exthost\d*[\\/]output_logging_.*tandem/i.test(f));
  const host = all.filter((f) => path.basename(f) === 'remoteexthost.log').slice(-1);
  const files = [...host, ...tandem];
  if (!files.length) return `(no extension host logs under ${path.join(userDataDir, 'logs')})`;
  return files
    .map((f) => {
      const text = readFileSync(f, 'utf8').trimEnd().split('\n');
      const tail = text.slice(-lines).join('\n');
      return `--- ${path.relative(userDataDir, f)} (last ${Math.min(lines, text.length)} of ${text.length} lines)\n${tail}`;
    })
    .join('\n');
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
