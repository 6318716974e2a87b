// Workspace-relative path handling shared by the workspace, the staging area and tools.
// Contract: a workspace path is a POSIX path relative to the workspace root, with no
// empty, "." or ".." segments ("" is the root itself). Anything that is absolute,
// contains NUL, or climbs above the root is refused with PathOutsideWorkspaceError.
// These helpers are lexical only; symlink checks need the filesystem (nodeWorkspace.ts).
import * as path from 'node:path';

/** A path that is absolute, contains NUL, or climbs above the workspace root. */
export class PathOutsideWorkspaceError extends Error {
  constructor(readonly path: string) {
    super(`The path "${path}" is outside the workspace.`);
    this.name = 'PathOutsideWorkspaceError';
  }
}

/**
 * Normalises a workspace-relative path: backslashes become "/" (models often emit
 * Windows separators; a literal backslash in a POSIX filename is not supported),
 * "." and empty segments are dropped, "a/../b" resolves lexically to "b".
 * Throws PathOutsideWorkspaceError for absolute paths, drive letters, UNC paths,
 * NUL bytes and ".." that would leave the root. Returns "" for the root.
 */
export function normalizeRelativePath(input: string): string {
  if (typeof input !== 'string' || input.includes('\0')) throw new PathOutsideWorkspaceError(String(input));
  const slashed = input.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) throw new PathOutsideWorkspaceError(input);
  const out: string[] = [];
  for (const seg of slashed.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) throw new PathOutsideWorkspaceError(input);
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.join('/');
}

/** Like normalizeRelativePath but refuses the root itself (for file operations). */
export function normalizeFilePath(input: string): string {
  const p = normalizeRelativePath(input);
  if (p === '') throw new Error(`"${input}" names the workspace folder itself, not a file.`);
  return p;
}

/** Segments of a normalised workspace path ([] for the root). */
export function pathSegments(rel: string): string[] {
  return rel === '' ? [] : rel.split('/');
}

/** Parent of a normalised workspace path ("" for top-level entries and the root). */
export function parentPath(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** The entry `name` inside normalised workspace folder `dir` ("" is the root). */
export function childPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Last segment of a normalised workspace path. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** Proper ancestors of a normalised path, nearest first ("a/b/c" -> ["a/b", "a"]). */
export function ancestors(rel: string): string[] {
  const out: string[] = [];
  for (let p = parentPath(rel); p !== ''; p = parentPath(p)) out.push(p);
  return out;
}

/** Joins a normalised workspace path onto an absolute directory (platform separators). */
export function toAbsolute(rootAbs: string, rel: string): string {
  return rel === '' ? rootAbs : path.join(rootAbs, ...pathSegments(rel));
}

/**
 * True when absolute `candidate` is `rootAbs` or inside it, compared segment by
 * segment (so "/work/rootx" is not inside "/work/root"). Both must be absolute and
 * already resolved (realpath'd) by the caller when symlinks matter.
 */
export function isInsideRoot(rootAbs: string, candidate: string): boolean {
  const rel = path.relative(path.resolve(rootAbs), path.resolve(candidate));
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false; // different drive on Windows
  return rel.split(path.sep)[0] !== '..';
}

/** Converts an absolute path inside rootAbs to a workspace path, or undefined if outside. */
export function toWorkspacePath(rootAbs: string, candidate: string): string | undefined {
  if (!isInsideRoot(rootAbs, candidate)) return undefined;
  return path.relative(path.resolve(rootAbs), path.resolve(candidate)).split(path.sep).join('/');
}
