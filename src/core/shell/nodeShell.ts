// The plain shell: runs a command directly in the workspace with no confinement. Only
// used after the user approved the exact command, or under the `full-access` policy
// (see SECURITY.md). A command string runs with `bash --noprofile --norc -c` and stdin
// from /dev/null, so no start-up file runs (startup.ts); argv runs directly. The
// environment is an allow list (env.ts), without BASH_ENV/ENV even when allowed.
import type { Shell, ShellRequest, ShellResult } from './types';
import { commandEnv } from './env';
import { runProcess } from './process';
import { BASH_NO_STARTUP, withoutStartupFiles } from './startup';

export interface NodeShellOptions {
  /** Environment to inherit (default process.env), filtered by the allow list (env.ts). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Variables (names, or NAME_* prefixes) passed on top of the ordinary ones. */
  envAllow?: readonly string[];
  outputCap?: number;
  bashPath?: string;
}

export function createNodeShell(options: NodeShellOptions = {}): Shell {
  const bash = options.bashPath ?? '/bin/bash';
  return {
    sandboxed: false,
    unavailableReason: undefined,
    async run(request: ShellRequest): Promise<ShellResult> {
      const [file, args] = commandLine(request, bash);
      const outcome = await runProcess(
        {
          file,
          args,
          cwd: request.cwd,
          env: withoutStartupFiles(commandEnv(options.baseEnv ?? process.env, request.env, {}, options.envAllow)),
          outputCap: options.outputCap,
        },
        request,
      );
      return {
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        output: outcome.output,
        timedOut: outcome.timedOut,
        aborted: outcome.aborted,
        durationMs: outcome.durationMs,
        sandbox: 'unsandboxed',
      };
    },
  };
}

export function commandLine(request: ShellRequest, bash = '/bin/bash'): [string, string[]] {
  if (request.argv && request.argv.length > 0) return [request.argv[0], request.argv.slice(1)];
  if (typeof request.command === 'string') return [bash, [...BASH_NO_STARTUP, '-c', request.command]];
  throw new Error('ShellRequest needs either argv or command.');
}
