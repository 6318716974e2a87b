// Where the CLI keeps things, and the tools it finds on the machine.
import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `tandem --version`, and the tool version in SARIF output. */
export const CLI_VERSION = '0.1.0';

/** Sessions and the global AGENTS.md: $TANDEM_HOME, else ~/.tandem. */
export function storageDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.TANDEM_HOME?.trim();
  return home ? path.resolve(home) : path.join(os.homedir(), '.tandem');
}

/** True for an existing directory (what --cwd must name). */
export function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** ripgrep on PATH (Debian's /usr/bin/rg), or undefined: the search tool then says so. */
export function findRg(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter).concat('/usr/bin')) {
    if (!dir) continue;
    const candidate = path.join(dir, 'rg');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
