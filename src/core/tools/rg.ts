// Runs ripgrep with `--json` and collects match and context lines. Spawned with argv
// (never a shell), killed when the signal aborts or enough matches were collected.
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { stripEol } from '../util/text';
import { ToolError } from './types';

export interface RgLine {
  /** Path as printed by rg, relative to its cwd ("./" stripped). */
  path: string;
  line: number;
  text: string;
  match: boolean;
}

export interface RgRun {
  lines: RgLine[];
  /** Accepted matches collected (at most maxMatches + 1). */
  matches: number;
  /** Stopped early because more than maxMatches matched. */
  stopped: boolean;
  /** rg's stderr (errors such as an invalid regex or unreadable files). */
  stderr: string;
  exitCode: number | null;
}

export interface RgOptions {
  cwd: string;
  signal: AbortSignal;
  maxMatches: number;
  /** Lines of files for which this returns false are dropped (and not counted). */
  accept(path: string): boolean;
}

function missingRgMessage(rgPath: string | undefined, detail?: string): string {
  const which = rgPath ? ` at ${rgPath}${detail ? ` (${detail})` : ''}` : '';
  return (
    `ripgrep is not available${which}: install ripgrep (Debian/Ubuntu: apt-get install ripgrep; ` +
    'macOS: brew install ripgrep; Windows: winget install BurntSushi.ripgrep.MSVC) or set its path in the settings. ' +
    'Until then, use list_dir and read_file to look around.'
  );
}

/** Throws ToolError unless rgPath names an executable file. */
export async function checkRg(rgPath: string | undefined): Promise<string> {
  if (!rgPath) throw new ToolError(missingRgMessage(undefined));
  try {
    await access(rgPath, constants.X_OK);
  } catch (err) {
    throw new ToolError(missingRgMessage(rgPath, (err as NodeJS.ErrnoException).code ?? 'not executable'));
  }
  return rgPath;
}

function textOf(v: { text?: string; bytes?: string } | undefined): string {
  if (!v) return '';
  if (v.text !== undefined) return v.text;
  return v.bytes ? Buffer.from(v.bytes, 'base64').toString('utf8') : '';
}

export function runRg(rgPath: string, args: string[], opts: RgOptions): Promise<RgRun> {
  return new Promise((resolve, reject) => {
    if (opts.signal.aborted) return reject(new ToolError('search was interrupted.'));
    const child = spawn(rgPath, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const run: RgRun = { lines: [], matches: 0, stopped: false, stderr: '', exitCode: null };
    let killedByAbort = false;
    const kill = () => {
      if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
    };
    const onAbort = () => {
      killedByAbort = true;
      kill();
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });

    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (run.stderr.length < 8192) run.stderr += d;
    });
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (raw) => {
      if (run.stopped) return;
      let event: { type?: string; data?: any };
      try {
        event = JSON.parse(raw);
      } catch {
        return;
      }
      if (event.type !== 'match' && event.type !== 'context') return;
      const path = textOf(event.data?.path).replace(/^\.\//, '');
      if (!opts.accept(path)) return;
      const match = event.type === 'match';
      if (match) {
        run.matches++;
        if (run.matches > opts.maxMatches) {
          run.stopped = true;
          kill();
        }
      }
      run.lines.push({ path, line: Number(event.data?.line_number ?? 0), text: stripEol(textOf(event.data?.lines)), match });
    });

    child.on('error', (err: NodeJS.ErrnoException) => {
      opts.signal.removeEventListener('abort', onAbort);
      reject(new ToolError(missingRgMessage(rgPath, err.code ?? err.message)));
    });
    child.on('close', (code) => {
      opts.signal.removeEventListener('abort', onAbort);
      if (killedByAbort) return reject(new ToolError('search was interrupted.'));
      run.exitCode = code;
      resolve(run);
    });
  });
}
