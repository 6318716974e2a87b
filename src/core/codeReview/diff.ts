// Collects the diff to review with git (argv, no shell) and parses it (the `diff`
// package's parsePatch) into files with the new-side line ranges of their hunks: the
// ranges findings are filtered against. Paths are relative to the workspace root
// (`git diff --relative`, run there). Untracked files (uncommitted review) are added as
// whole-file additions; binary files are listed but have no reviewable lines.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePatch, type StructuredPatch } from 'diff';
import { git, gitOk, firstLine } from './git';
import { ReviewError, type ReviewTarget } from './types';

export interface LineRange {
  /** 1-based, inclusive, new side. */
  start: number;
  end: number;
}

export interface DiffFile {
  path: string;
  /** Set for renames and copies. */
  oldPath?: string;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  binary: boolean;
  /** New-side ranges of the hunks (context lines included); empty for deletions and binaries. */
  ranges: LineRange[];
  added: number;
  removed: number;
  /** This file's part of the diff text. */
  patch: string;
}

export interface CollectedDiff {
  /** What was compared, in words. */
  description: string;
  files: DiffFile[];
}

/** Untracked files larger than this are listed but not shown. */
const MAX_UNTRACKED_BYTES = 512 * 1024;

const DIFF_ARGS = [
  '-c', 'core.quotepath=off',
  '-c', 'diff.noprefix=false',
  'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M', '--unified=3', '--relative',
];

export async function collectDiff(root: string, target: ReviewTarget, signal?: AbortSignal): Promise<CollectedDiff> {
  if (target.type === 'patch') {
    const files = parseGitDiff(target.patch);
    if (files.length === 0) throw new ReviewError('empty_diff', `Nothing to review: ${target.description} has no changes.`);
    return { description: target.description, files };
  }
  const st = await fs.stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new ReviewError('not_a_repo', `${root} is not a folder.`);
  const top = await git(['rev-parse', '--show-toplevel'], root, signal);
  if (top.code !== 0) {
    const why = firstLine(top.stderr);
    throw new ReviewError('not_a_repo', /not a git repository/i.test(why) ? `${root} is not inside a git repository; the review compares git revisions.` : `git cannot open ${root}: ${why}`);
  }
  const head = await resolveCommit(root, 'HEAD', signal);
  let description: string;
  let range: string[];
  const extra: DiffFile[] = [];
  switch (target.type) {
    case 'uncommitted': {
      range = [head ?? (await emptyTree(root, signal))];
      description = head ? 'uncommitted changes (staged, unstaged and untracked) against HEAD' : 'all files (the repository has no commits yet)';
      extra.push(...(await untrackedFiles(root, signal)));
      break;
    }
    case 'staged': {
      range = ['--cached', head ?? (await emptyTree(root, signal))];
      description = head ? 'the changes staged in git (the index) against HEAD' : 'the files staged in git (the repository has no commits yet)';
      break;
    }
    case 'branch': {
      if (!head) throw new ReviewError('bad_target', 'The repository has no commits yet, so there is no branch to compare.');
      const base = await resolveCommit(root, checkRev(target.base, 'base branch'), signal);
      if (!base) throw new ReviewError('bad_target', await missingBase(root, target.base, signal));
      const mb = await git(['merge-base', base, head], root, signal);
      if (mb.code !== 0) throw new ReviewError('bad_target', await noMergeBase(root, target.base, signal));
      const mergeBase = mb.stdout.trim();
      range = [mergeBase, head];
      description = `the current branch against ${target.base} (since merge base ${mergeBase.slice(0, 10)})`;
      break;
    }
    case 'commit': {
      const sha = await resolveCommit(root, checkRev(target.sha, 'commit'), signal);
      if (!sha) throw new ReviewError('bad_target', `There is no commit "${target.sha}".`);
      const [, parent] = (await gitOk(['rev-list', '--parents', '-n', '1', sha], root, 'read the commit', signal)).trim().split(/\s+/);
      range = [parent ?? (await emptyTree(root, signal)), sha];
      const subject = (await gitOk(['log', '-1', '--format=%s', sha], root, 'read the commit', signal)).trim();
      description = `commit ${sha.slice(0, 10)}${subject ? ` "${subject}"` : ''}${parent ? '' : ' (the first commit)'}`;
      break;
    }
  }
  const text = await gitOk([...DIFF_ARGS, ...range, '--'], root, 'compute the diff', signal);
  const files = [...parseGitDiff(text), ...extra];
  if (files.length === 0) {
    const what = target.type === 'uncommitted' ? 'uncommitted changes' : target.type === 'staged' ? 'changes staged in git (git add)' : 'changes in ' + description;
    throw new ReviewError('empty_diff', `Nothing to review: there are no ${what}.`);
  }
  return { description, files };
}

async function isShallow(root: string, signal?: AbortSignal): Promise<boolean> {
  const r = await git(['rev-parse', '--is-shallow-repository'], root, signal);
  return r.stdout.trim() === 'true';
}

/** CI checkouts are shallow and single-branch: say so, and how to fetch the base. */
async function missingBase(root: string, base: string, signal?: AbortSignal): Promise<string> {
  const missing = `There is no branch or commit named "${base}".`;
  if (!(await isShallow(root, signal))) return missing;
  const m = /^([^/]+)\/(.+)$/.exec(base);
  const isRemote = m !== null && (await git(['config', '--get', `remote.${m[1]}.url`], root, signal)).code === 0;
  const fetch = m && isRemote ? `git fetch --no-tags --unshallow ${m[1]} ${m[2]}:refs/remotes/${m[1]}/${m[2]}` : 'git fetch --no-tags --unshallow origin';
  return `${missing} This is a shallow clone (CI checkouts fetch one commit of one branch by default), so the base branch was not fetched. Check out with full history (GitHub Actions: actions/checkout with "fetch-depth: 0"), or fetch it first: ${fetch}`;
}

async function noMergeBase(root: string, base: string, signal?: AbortSignal): Promise<string> {
  if (!(await isShallow(root, signal))) return `The current branch and "${base}" have no common history.`;
  return `The current branch and "${base}" have no common history in this shallow clone: it does not reach back to where the branch left ${base}. Check out with full history (GitHub Actions: actions/checkout with "fetch-depth: 0"), or fetch the rest of the history first: git fetch --no-tags --unshallow origin`;
}

/** A revision argument as given by a user: never an option. */
function checkRev(rev: string, what: string): string {
  const r = rev.trim();
  if (r === '' || r.startsWith('-') || /[\s\0]/.test(r)) throw new ReviewError('bad_target', `"${rev}" is not a valid ${what} name.`);
  return r;
}

async function resolveCommit(root: string, rev: string, signal?: AbortSignal): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], root, signal);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** The empty tree's id in this repository's hash (sha1 or sha256). */
async function emptyTree(root: string, signal?: AbortSignal): Promise<string> {
  return (await gitOk(['hash-object', '-t', 'tree', '/dev/null'], root, 'hash the empty tree', signal)).trim();
}

/** Strips git's a/ b/ prefix; undefined for /dev/null. */
function cleanName(name: string | undefined, prefix: 'a/' | 'b/'): string | undefined {
  if (!name || name === '/dev/null') return undefined;
  let n = name;
  if (n.startsWith('"') && n.endsWith('"')) n = unquoteC(n.slice(1, -1));
  return n.startsWith(prefix) ? n.slice(2) : n;
}

/** Git's C-style path quoting (\", \\, \t, \n, octal bytes). */
function unquoteC(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(...Buffer.from(s[i], 'utf8'));
      continue;
    }
    const c = s[++i];
    if (/[0-7]/.test(c)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git diff` output into files (exported for tests). */
export function parseGitDiff(text: string): DiffFile[] {
  if (text.trim() === '') return [];
  // every file's patch starts with "diff --git"; content lines are prefixed, so this splits safely
  const chunks = text.split(/^(?=diff --git )/m).filter((c) => c.startsWith('diff --git '));
  return chunks.map((chunk) => {
    const [p] = parsePatch(chunk) as StructuredPatch[];
    const oldName = cleanName(p.oldFileName, 'a/');
    const newName = cleanName(p.newFileName, 'b/');
    const status: DiffFile['status'] = p.isDelete ? 'deleted' : p.isCreate ? 'added' : p.isRename || p.isCopy ? 'renamed' : 'modified';
    const file: DiffFile = {
      path: (status === 'deleted' ? oldName : newName) ?? oldName ?? '',
      status,
      binary: p.isBinary === true,
      ranges: [],
      added: 0,
      removed: 0,
      patch: chunk.endsWith('\n') ? chunk : `${chunk}\n`,
    };
    if ((p.isRename || p.isCopy) && oldName) file.oldPath = oldName;
    for (const h of p.hunks) {
      for (const l of h.lines) {
        if (l.startsWith('+')) file.added++;
        else if (l.startsWith('-')) file.removed++;
      }
      // a pure deletion ("+4,0": after line 4) touches the lines on both sides of it;
      // parsePatch reports such a hunk's newStart one higher than the header (5 here)
      if (status !== 'deleted') file.ranges.push(h.newLines > 0 ? { start: h.newStart, end: h.newStart + h.newLines - 1 } : { start: Math.max(1, h.newStart - 1), end: h.newStart });
    }
    return file;
  });
}

/** Untracked, not ignored files under the root, as whole-file additions. */
async function untrackedFiles(root: string, signal?: AbortSignal): Promise<DiffFile[]> {
  const list = await gitOk(['-c', 'core.quotepath=off', 'ls-files', '--others', '--exclude-standard', '-z'], root, 'list untracked files', signal);
  const files: DiffFile[] = [];
  for (const rel of list.split('\0').filter(Boolean)) {
    const abs = path.join(root, rel);
    const st = await fs.lstat(abs).catch(() => undefined);
    if (!st?.isFile()) continue; // symlinks, sockets, vanished files
    const header = `diff --git a/${rel} b/${rel}\nnew file mode ${(st.mode & 0o111) !== 0 ? '100755' : '100644'}\n`;
    const base = { path: rel, status: 'added' as const, removed: 0 };
    if (st.size > MAX_UNTRACKED_BYTES) {
      files.push({ ...base, binary: false, ranges: [], added: 0, patch: `${header}(untracked file of ${st.size} bytes: too large to show)\n` });
      continue;
    }
    const bytes = await fs.readFile(abs);
    if (bytes.includes(0)) {
      files.push({ ...base, binary: true, ranges: [], added: 0, patch: `${header}Binary files /dev/null and b/${rel} differ\n` });
      continue;
    }
    const text = bytes.toString('utf8');
    const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
    const body = lines.map((l) => `+${l}`).join('\n');
    const noEol = text.length > 0 && !text.endsWith('\n') ? '\n\\ No newline at end of file' : '';
    const patch = lines.length === 0 ? header : `${header}--- /dev/null\n+++ b/${rel}\n@@ -0,0 +1,${lines.length} @@\n${body}${noEol}\n`;
    files.push({ ...base, binary: false, ranges: lines.length ? [{ start: 1, end: lines.length }] : [], added: lines.length, patch });
  }
  return files;
}
