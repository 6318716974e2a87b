// EXPERIMENTAL macOS backend (cannot run on the Linux CI): a deny-by-default
// `sandbox-exec` profile (SBPL). The staging view is an APFS clone of the workspace
// (`cp -c -R`, copy-on-write, cheap); the command may write only the clone and a
// private temp dir, reads the system but not the user's home (except the clone and
// toolchain paths), and has no network unless an escalation was approved.
// Every path is emitted as an SBPL string literal with `\` and `"` escaped, so a
// workspace path cannot inject profile syntax.

export interface MacProfileOptions {
  /** Absolute path of the APFS clone (the command's workspace). */
  cloneDir: string;
  /** Private temp dir for this command. */
  tmpDir: string;
  /** The user's home: not readable (keys, tokens). */
  homeDir: string;
  /** Extra read-only paths (toolchains inside home, e.g. ~/.nvm). */
  readOnlyPaths?: string[];
  network?: boolean;
}

export function sbplString(value: string): string {
  if (value.includes('\0')) throw new Error('A path with a NUL byte cannot be sandboxed.');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function subpath(p: string): string {
  return `(subpath ${sbplString(p)})`;
}

export function generateMacProfile(o: MacProfileOptions): string {
  for (const p of [o.cloneDir, o.tmpDir, o.homeDir, ...(o.readOnlyPaths ?? [])]) {
    if (!p.startsWith('/')) throw new Error(`Sandbox paths must be absolute: ${p}`);
  }
  const lines = [
    '(version 1)',
    '(deny default)',
    '; processes: may run and fork; nothing else by default',
    '(allow process-exec process-fork signal (with target same-sandbox))',
    '(allow sysctl-read mach-lookup ipc-posix-shm-read-data)',
    '; reads: the system, but never the home directory (keys, tokens)',
    '(allow file-read* (subpath "/"))',
    `(deny file-read* ${subpath(o.homeDir)})`,
    `(allow file-read* ${subpath(o.cloneDir)} ${subpath(o.tmpDir)}${(o.readOnlyPaths ?? []).map((p) => ' ' + subpath(p)).join('')})`,
    '; writes: only the clone (the staged view) and the private temp dir',
    `(allow file-write* ${subpath(o.cloneDir)} ${subpath(o.tmpDir)} (literal "/dev/null") (literal "/dev/tty"))`,
    `(deny file-write* ${subpath(`${o.cloneDir}/.git`)})`,
  ];
  if (o.network) {
    lines.push('; network: granted for this command after an approved escalation', '(allow network*)');
  } else {
    lines.push('; network: none (loopback included)', '(deny network*)');
  }
  return lines.join('\n') + '\n';
}
