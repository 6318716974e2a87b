// Path rules: protected writes (the agent must not loosen its own controls) and secret
// reads. Matching is on the REAL path (symlinks resolved, compared by directory with
// path.relative, never by string prefix), case-insensitively (macOS and Windows
// filesystems are, and `.VSCode/` must not slip through on Linux either).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isInsideRoot, toWorkspacePath } from '../util/paths';

/** Globs over the workspace-relative POSIX path: `*` within a segment, `**` across. */
export const DEFAULT_PROTECTED: { pattern: string; label: string }[] = [
  { pattern: '.vscode/**', label: 'editor settings (.vscode/)' },
  { pattern: '**/*.code-workspace', label: 'workspace settings (*.code-workspace)' },
  { pattern: '.git/hooks/**', label: 'git hooks (run code on git commands)' },
  { pattern: '.git/config', label: 'git config (can run commands)' },
  { pattern: '.git/**', label: 'git internals (.git/)' },
  { pattern: '.tandem/**', label: 'Tandem settings (.tandem/)' },
  { pattern: '**/.bashrc', label: 'shell start-up file' },
  { pattern: '**/.bash_profile', label: 'shell start-up file' },
  { pattern: '**/.bash_login', label: 'shell start-up file' },
  { pattern: '**/.bash_logout', label: 'shell start-up file' },
  { pattern: '**/.profile', label: 'shell start-up file' },
  { pattern: '**/.zshrc', label: 'shell start-up file' },
  { pattern: '**/.zshenv', label: 'shell start-up file' },
  { pattern: '**/.zprofile', label: 'shell start-up file' },
  { pattern: '**/.zlogin', label: 'shell start-up file' },
  { pattern: '**/.cshrc', label: 'shell start-up file' },
  { pattern: '**/.tcshrc', label: 'shell start-up file' },
  { pattern: '**/config.fish', label: 'shell start-up file' },
  { pattern: '**/.envrc', label: 'direnv file (runs on cd)' },
  { pattern: 'AGENTS.md', label: 'agent instructions (AGENTS.md)' },
];

export const DEFAULT_SECRETS: string[] = [
  '**/.env',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.netrc',
  '**/.npmrc',
  '**/.pgpass',
  '**/.git-credentials',
  '**/.ssh/**',
  '**/.aws/**',
];

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Patterns without "/" match the file name at any depth. */
export function compilePatterns(globs: string[]): RegExp[] {
  return globs.map((g) => globToRegExp(g.includes('/') ? g : `**/${g}`));
}

export type Resolved =
  | { inside: true; rel: string; real: string }
  | { inside: false; real: string; why: string };

/**
 * Resolves a workspace-relative or absolute path to its real location (symlinks
 * followed; for a path that does not exist yet, its nearest existing ancestor) and
 * reports whether that lies inside the (real) workspace root.
 */
export async function resolveInWorkspace(realRoot: string, p: string): Promise<Resolved> {
  const abs = path.isAbsolute(p) ? path.resolve(p) : path.resolve(realRoot, p);
  let existing = abs;
  const tail: string[] = [];
  let real: string | undefined;
  for (;;) {
    try {
      real = await fs.realpath(existing);
      break;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) break;
      tail.unshift(path.basename(existing));
      existing = parent;
    }
  }
  const full = real ? path.join(real, ...tail) : abs;
  const rel = toWorkspacePath(realRoot, full);
  if (rel !== undefined) return { inside: true, rel, real: full };
  const viaLink = isInsideRoot(realRoot, abs);
  return { inside: false, real: full, why: viaLink ? 'it is a symbolic link that leads outside the workspace' : 'it is outside the workspace' };
}

/** DEFAULT_PROTECTED compiled once (matchProtected runs for every write and staged change). */
const PROTECTED_RES = DEFAULT_PROTECTED.map((p) => ({ re: globToRegExp(p.pattern), label: p.label }));

export function matchProtected(rel: string, extra: RegExp[], extraLabel = 'protected by configuration'): string | undefined {
  for (const p of PROTECTED_RES) {
    if (p.re.test(rel)) return p.label;
  }
  return extra.some((re) => re.test(rel)) ? extraLabel : undefined;
}
