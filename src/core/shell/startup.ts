// How Tandem starts bash without the user's shell start-up files. A non-interactive
// `bash -c` reads no rc file, except when bash thinks it was started by rshd/sshd: its
// stdin is a socket (Node's 'pipe' stdio is a socketpair) or SSH_CLIENT is set (VS Code
// Remote-SSH), and SHLVL is below 2. Then it sources ~/.bashrc, which on a developer
// machine runs pyenv, nvm or conda init: hundreds of milliseconds per command, and
// output or side effects nobody asked for. And any non-interactive bash sources
// $BASH_ENV. So:
//  - `--noprofile --norc` on every bash Tandem starts (the rshd rule checks --norc);
//  - stdin is /dev/null unless Tandem writes to it (shell/process.ts);
//  - BASH_ENV and ENV are not passed to the commands Tandem starts;
//  - the sandbox launcher's own scripts also run privileged (`-p`): no BASH_ENV, and no
//    exported shell functions that could shadow the builtins the scripts rely on
//    (`printf`, `cd`, `read`...); exported functions still reach the user's command.
// Nothing here offers a login shell; a command that needs one can say `bash -lc`.

/** Flags for a bash that runs a command string without start-up files. */
export const BASH_NO_STARTUP = ['--noprofile', '--norc'] as const;

/** Flags for the sandbox launcher's own bash scripts (see sandbox/linux/launcher.ts). */
export const BASH_LAUNCHER = [...BASH_NO_STARTUP, '-p'] as const;

/** Variables that make a non-interactive shell source a file at start-up. */
const STARTUP_FILE_VARS = ['BASH_ENV', 'ENV'];

/** `env` without the variables that name start-up files (a copy; the input is untouched). */
export function withoutStartupFiles(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const name of STARTUP_FILE_VARS) delete out[name];
  return out;
}
