// Runs git as argv (never through a shell) and turns its failures into ReviewErrors.
import { spawn } from 'node:child_process';
import { ReviewError } from './types';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Largest git output read (a diff beyond this is refused rather than exhausting memory). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * `git args...` in `cwd`. Resolves with the exit code (non-zero is the caller's to judge);
 * rejects with ReviewError('no_git') when git is not installed.
 */
export function git(args: string[], cwd: string, signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ReviewError('aborted', 'The review was interrupted.'));
    const child = spawn('git', args, {
      cwd,
      // no pager, no prompts, no optional locks (a review must not touch the index)
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_OUTPUT_BYTES) {
        child.kill();
        return;
      }
      out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new ReviewError('no_git', 'git is not installed (or not on PATH); the review needs it to collect the changes.'));
      else if (e.name === 'AbortError') reject(new ReviewError('aborted', 'The review was interrupted.'));
      else reject(new ReviewError('git_failed', `git could not be run: ${e.message}`));
    });
    child.on('close', (code) => {
      if (size > MAX_OUTPUT_BYTES) return reject(new ReviewError('git_failed', `git ${args[0]} produced more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB; the change is too large to review.`));
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Like git(), but a non-zero exit is a ReviewError('git_failed') quoting git's message; `what` names the step. */
export async function gitOk(args: string[], cwd: string, what: string, signal?: AbortSignal): Promise<string> {
  const r = await git(args, cwd, signal);
  if (r.code !== 0) throw new ReviewError('git_failed', `git failed to ${what}: ${firstLine(r.stderr) || `exit code ${r.code}`}`);
  return r.stdout;
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.replace(/^(fatal|error): /, '') ?? '';
}
