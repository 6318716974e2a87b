// Protected paths: the one rule set every route that stages a file goes through. The
// staging area runs it on each write, delete and rename (so apply_patch, a sandboxed
// command's import and any later route get it without doing anything), and the guard
// uses the same rules to ask before apply_patch writes. Two outcomes:
//  - refused: git internals (any path segment that is, or aliases, `.git`) are never
//    staged. A nested `.git/` folder or a `.git` file ("gitdir: ...") turns a folder into
//    a repository whose config, hooks and fsmonitor run on the host the next time git
//    runs there, and VS Code's git extension runs git by itself. Nothing the agent needs
//    to review lives there (objects, index, refs), so refusing costs nothing real.
//  - protected (a label): staged and shown, but asked for on write and never applied by
//    a bulk apply without being named (see StagingArea.applyAll).
// Matching is case-insensitive and also runs on a folded form of each segment: NTFS drops
// trailing dots and spaces, HFS+ ignores zero-width code points, so `.git.`, `.GIT ` and
// `.g\u200cit` are `.git` on those systems; `git~1` is its NTFS short name.
import { compilePatterns, globToRegExp, resolveInWorkspace, type RealpathCache } from './paths';

/** Globs over the workspace-relative POSIX path: `*` within a segment, `**` across. */
export const DEFAULT_PROTECTED: { pattern: string; label: string }[] = [
  { pattern: '**/.git', label: 'git internals (.git)' },
  { pattern: '**/.git/**', label: 'git internals (.git)' },
  { pattern: '**/.gitattributes', label: 'git attributes (select filters and diff drivers that run commands)' },
  { pattern: '**/.gitmodules', label: 'git submodules' },
  { pattern: '**/.gitconfig', label: 'git config (can run commands)' },
  { pattern: '**/.lfsconfig', label: 'git LFS config' },
  { pattern: '**/.husky/**', label: 'git hooks (.husky/)' },
  { pattern: '**/.githooks/**', label: 'git hooks (.githooks/)' },
  { pattern: '**/.vscode/**', label: 'editor settings (.vscode/)' },
  { pattern: '**/*.code-workspace', label: 'workspace settings (*.code-workspace)' },
  { pattern: '**/.devcontainer/**', label: 'dev container settings (run commands on open)' },
  { pattern: '**/.devcontainer.json', label: 'dev container settings (run commands on open)' },
  { pattern: '**/.tandem/**', label: 'Tandem settings (.tandem/)' },
  { pattern: '**/AGENTS.md', label: 'agent instructions (AGENTS.md)' },
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
];

const BUILT_IN = DEFAULT_PROTECTED.map((p) => ({ re: globToRegExp(p.pattern), label: p.label }));

/** What Windows and macOS file systems treat as the same name. */
export function foldSegment(segment: string): string {
  return segment
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '')
    .replace(/[. ]+$/, '')
    .toLowerCase();
}

function isGitSegment(segment: string): boolean {
  if (/^\.git:/i.test(segment)) return true; // NTFS stream of .git (".git::$INDEX_ALLOCATION")
  const f = foldSegment(segment);
  return f === '.git' || f === 'git~1';
}

function folded(rel: string): string {
  return rel.split('/').map(foldSegment).join('/');
}

export interface PathProtection {
  /** Why staging `rel` is refused outright (git internals), or undefined. Lexical. */
  refused(rel: string): string | undefined;
  /** Why `rel` is protected, or undefined. Lexical (on the path and its folded form). */
  label(rel: string): string | undefined;
  /**
   * Both, on the path as written and on its real path (symlinks resolved, for a path
   * that does not exist yet through its nearest existing ancestor).
   */
  check(realRoot: string, rel: string, realpaths?: RealpathCache): Promise<{ refused?: string; label?: string }>;
}

/** The built-in rules plus `extraPatterns` (configured globs only ever add). */
export function pathProtection(extraPatterns: readonly string[] = []): PathProtection {
  const extra = compilePatterns([...extraPatterns]);
  const refused = (rel: string): string | undefined => {
    const seg = rel.split('/').find(isGitSegment);
    return seg === undefined
      ? undefined
      : `${rel} is inside git internals ("${seg}"), which are never staged: a .git folder or file makes git run its config and hooks there`;
  };
  const label = (rel: string): string | undefined => {
    for (const candidate of new Set([rel, folded(rel)])) {
      for (const p of BUILT_IN) if (p.re.test(candidate)) return p.label;
      if (extra.some((re) => re.test(candidate))) return 'protected by configuration';
    }
    return refused(rel) ? 'git internals (.git)' : undefined;
  };
  return {
    refused,
    label,
    async check(realRoot, rel, realpaths) {
      const paths = [rel];
      const r = await resolveInWorkspace(realRoot, rel, realpaths);
      if (r.inside && r.rel !== rel) paths.push(r.rel);
      const out: { refused?: string; label?: string } = {};
      for (const p of paths) {
        out.refused ??= refused(p) && (p === rel ? refused(p) : `${rel} leads to ${p}: ${refused(p)}`);
        out.label ??= label(p);
      }
      return out;
    },
  };
}
