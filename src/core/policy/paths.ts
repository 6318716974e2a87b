// Path rules: secret reads, glob matching and the realpath-based workspace check
// (protected writes: protection.ts). Matching is on the REAL path (symlinks resolved,
// compared by directory with path.relative, never by string prefix), case-insensitively
// (macOS and Windows filesystems are, and `.VSCode/` must not slip through on Linux).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isInsideRoot, toWorkspacePath } from '../util/paths';

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

/** Absolute path -> its realpath (undefined: it does not exist), for callers that look up many. */
export type RealpathCache = Map<string, Promise<string | undefined>>;

function realpathOf(abs: string, cache: RealpathCache | undefined): Promise<string | undefined> {
  const lookup = () => fs.realpath(abs).catch(() => undefined);
  if (!cache) return lookup();
  let r = cache.get(abs);
  if (!r) {
    // A path whose parent does not exist does not exist either.
    const parent = path.dirname(abs);
    const known = parent !== abs ? cache.get(parent) : undefined;
    r = known ? known.then((p) => (p === undefined ? undefined : lookup())) : lookup();
    cache.set(abs, r);
  }
  return r;
}

export type Resolved =
  | { inside: true; rel: string; real: string }
  | { inside: false; real: string; why: string };

/**
 * Resolves a workspace-relative or absolute path to its real location (symlinks
 * followed; for a path that does not exist yet, its nearest existing ancestor) and
 * reports whether that lies inside the (real) workspace root.
 */
export async function resolveInWorkspace(realRoot: string, p: string, cache?: RealpathCache): Promise<Resolved> {
  const abs = path.isAbsolute(p) ? path.resolve(p) : path.resolve(realRoot, p);
  let existing = abs;
  const tail: string[] = [];
  let real: string | undefined;
  for (;;) {
    real = await realpathOf(existing, cache);
    if (real !== undefined) break;
    const parent = path.dirname(existing);
    if (parent === existing) break;
    tail.unshift(path.basename(existing));
    existing = parent;
  }
  const full = real ? path.join(real, ...tail) : abs;
  const rel = toWorkspacePath(realRoot, full);
  if (rel !== undefined) return { inside: true, rel, real: full };
  const viaLink = isInsideRoot(realRoot, abs);
  return { inside: false, real: full, why: viaLink ? 'it is a symbolic link that leads outside the workspace' : 'it is outside the workspace' };
}
