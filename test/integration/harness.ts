// Runs the REAL CLI (src/cli/main.ts through tsx, as a child process) against the fake
// model server in temporary git repositories.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { startFakeModelServer, type FakeModelServer } from '../fakes/fakeModelServer';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'src', 'cli', 'main.ts');

/** Starts a fake model server per call; all of them close after the file's tests. */
export function fakeModelServers(): () => Promise<FakeModelServer> {
  const servers: FakeModelServer[] = [];
  after(async () => {
    for (const s of servers) await s.close();
  });
  return async () => {
    const s = await startFakeModelServer();
    servers.push(s);
    return s;
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A git repository with the given files (no commit needed: .git marks the root). */
export function makeRepo(files: Record<string, string>): string {
  const dir = tempDir('tandem-it-repo-');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process exits. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves when stdout (or stderr) has a line matching `re`. */
  waitFor(re: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
}

export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), OPENAI_API_KEY: 'sk-test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; stream: 'stdout' | 'stderr'; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.re.test(w.stream === 'stdout' ? out : err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString('utf8');
    check();
  });
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString('utf8');
    check();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const w of waiters) w.resolve(); // never leave a test hanging on output that will not come
      resolve({ code, signal, stdout: out, stderr: err });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor: (re, stream = 'stdout') =>
      new Promise<void>((resolve) => {
        waiters.push({ re, stream, resolve });
        check();
      }),
  };
}

export async function runCli(args: string[], env: Record<string, string>) {
  return startCli(args, env).done;
}

/** Common flags for a model run against the fake server. */
export function modelFlags(baseUrl: string, wire: 'responses' | 'chat'): string[] {
  return ['--base-url', baseUrl, '--wire', wire, '--model', 'fake-model'];
}

/** Session id printed by the CLI ("session <id> · ..." on stderr, or in --json events). */
export function sessionIdOf(output: string): string {
  const m = /session ([0-9A-Za-z_-]+) ·/.exec(output) ?? /"sessionId":"([0-9A-Za-z_-]+)"/.exec(output);
  if (!m) throw new Error(`no session id in output:\n${output}`);
  return m[1];
}

/** Polls `predicate` on the event loop (no wall-clock assertions; the test timeout bounds it). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 20));
}

/** util-linux `script`, which runs a command on a pseudo-terminal (undefined where missing). */
export const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/** The CLI (through tsx) on a pseudo-terminal (needs SCRIPT); `answer` types a line once `re` shows up. */
export function ptyCli(args: string[], env: Record<string, string>) {
  const line = [process.execPath, '--import', 'tsx', CLI, ...args].map(quote).join(' ');
  const child = spawn(SCRIPT!, ['-qfec', line, '/dev/null'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), TERM: 'dumb', OPENAI_API_KEY: 'sk-test', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let shown = '';
  let consumed = 0; // answers match only output after the previous answer
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (b: Buffer) => {
    shown += b.toString('utf8');
    for (const w of [...waiters]) w();
  });
  child.stderr.on('data', (b: Buffer) => (shown += b.toString('utf8')));
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      for (const w of [...waiters]) w();
      resolve(code);
    }),
  );
  let exited = false;
  void done.then(() => (exited = true));
  const answer = (re: RegExp, text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const m = re.exec(shown.slice(consumed));
        if (m) {
          consumed += m.index + m[0].length;
          waiters.splice(waiters.indexOf(check), 1);
          child.stdin.write(`${text}\r`);
          resolve();
        } else if (exited) reject(new Error(`the CLI exited before asking ${re}:\n${shown}`));
      };
      waiters.push(check);
      check();
    });
  const finish = async () => {
    const code = await done;
    child.stdin.end();
    return { code, output: shown.replace(/\r/g, '') };
  };
  return { answer, finish, shown: () => shown };
}
