// Runs one child process for a shell: own session/process group (so a timeout or an
// abort kills the whole tree: SIGTERM, then SIGKILL after a short grace), streamed and
// capped output, exit code or signal, duration. Shared by the plain and the sandboxed
// shell; neither decides policy here.
import { spawn } from 'node:child_process';
import type { ShellRequest, ShellResult } from './types';
import { OutputCollector } from './output';

export const KILL_GRACE_MS = 2000;
const TERM_REPEAT_MS = 100;

export interface SpawnSpec {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /**
   * Written to stdin through a pipe, which is then closed. Without it stdin is /dev/null:
   * never a socket, which bash takes for an rshd/sshd connection and then sources
   * ~/.bashrc even for `bash -c` (see startup.ts).
   */
  stdin?: string | Uint8Array;
  /** Open fd 3 as a pipe and return what the child wrote to it (launcher status). */
  statusFd?: boolean;
  outputCap?: number;
  /**
   * An abort kills the group at once (SIGKILL) instead of SIGTERM and a grace period:
   * for the sandbox, whose writes an abort discards anyway, so nothing is worth waiting for.
   */
  killOnAbort?: boolean;
}

/** A ShellResult before the shell says how it ran, plus what the launcher reported. */
export interface ProcessOutcome extends Omit<ShellResult, 'sandbox' | 'stagedPaths'> {
  /** What the child wrote to fd 3 (statusFd). */
  status: string;
  spawnError?: Error;
}

type Req = Pick<ShellRequest, 'timeoutMs' | 'signal' | 'onOutput'>;

export function runProcess(spec: SpawnSpec, req: Req): Promise<ProcessOutcome> {
  const started = Date.now();
  const out = new OutputCollector(spec.outputCap);
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let status = '';
    let done = false;
    const stdio: ('pipe' | 'ignore')[] = [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'];
    if (spec.statusFd) stdio.push('pipe');
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio });
    } catch (err) {
      resolve(failed(err as Error, started));
      return;
    }
    let killTimer: NodeJS.Timeout | undefined;
    let termTimer: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is already gone
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      // again until it exits: a process the group starts after the first signal (the
      // sandbox launcher's outer stage traps TERM and may still start bwrap) gets the next
      termTimer ??= setInterval(() => killGroup('SIGTERM'), TERM_REPEAT_MS);
      killTimer ??= setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, Math.max(1, req.timeoutMs));
    const onAbort = () => {
      aborted = true;
      if (spec.killOnAbort) killGroup('SIGKILL');
      else stop();
    };
    if (req.signal.aborted) onAbort();
    else req.signal.addEventListener('abort', onAbort, { once: true });

    for (const name of ['stdout', 'stderr'] as const) {
      const decoder = new TextDecoder();
      child[name]?.on('data', (chunk: Buffer) => {
        const text = decoder.decode(chunk, { stream: true });
        if (out.push(text)) req.onOutput?.(text, name);
      });
    }
    const statusStream = spec.statusFd ? (child.stdio[3] as NodeJS.ReadableStream | null) : null;
    statusStream?.on('data', (chunk: Buffer) => (status += chunk.toString('utf8')));
    child.stdin?.on('error', () => undefined);
    if (spec.stdin !== undefined) child.stdin?.end(spec.stdin);

    // When the main process exits, whatever it left running in its group goes too:
    // otherwise a background child holding the pipes would keep the call open.
    child.on('exit', () => killGroup('SIGKILL'));
    child.on('error', (err) => {
      if (done) return;
      done = true;
      cleanup();
      resolve(failed(err, started));
    });
    child.on('close', (code, signal) => {
      if (done) return;
      done = true;
      cleanup();
      resolve({
        exitCode: code,
        signal: signal ?? undefined,
        output: out.text(),
        timedOut,
        aborted,
        durationMs: Date.now() - started,
        status,
      });
    });
    function cleanup() {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (termTimer) clearInterval(termTimer);
      req.signal.removeEventListener('abort', onAbort);
    }
  });
}

function failed(err: Error, started: number): ProcessOutcome {
  return {
    exitCode: null,
    output: `Could not start the command: ${err.message}`,
    timedOut: false,
    aborted: false,
    durationMs: Date.now() - started,
    status: '',
    spawnError: err,
  };
}

/**
 * Starts `true` once per process, so that the first real command does not pay for the process's
 * first child (libuv's child-process set-up and this file's cold code paths: ~15 ms
 * measured, bench area 11). The agent runs it while it waits for the model. Never throws.
 */
export function warmUpSpawn(): Promise<void> {
  spawned ??= runProcess({ file: 'true', args: [], cwd: '/', env: { PATH: '/usr/bin:/bin' } }, { timeoutMs: 5000, signal: new AbortController().signal }).then(
    () => undefined,
    () => undefined,
  );
  return spawned;
}
let spawned: Promise<void> | undefined;
