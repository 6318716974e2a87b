// First half of importing what a sandboxed command wrote: read the overlay's upper dir
// and the merged listing into a plan (files to stage, files deleted, entries that cannot
// be staged and why). Nothing is staged here, so caps can be checked and renames found
// before anything changes. An entry that cannot be staged is skipped with its reason and
// the scan goes on: one bad name must not lose the rest of a command's work.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { StagingArea } from '../../staging/types';
import { childPath, toAbsolute } from '../../util/paths';

/** Linux PATH_MAX, NUL included: longer paths cannot be opened in one call. */
const PATH_MAX = 4096;
/** Staged content is handled as one buffer (diffs, apply): Node's limit for a file read. */
export const MAX_STAGED_FILE_BYTES = 2 ** 31 - 1;

export interface PlannedWrite {
  rel: string;
  /** The file in the upper dir. */
  abs: string;
  size: number;
}

export interface UpperPlan {
  writes: PlannedWrite[];
  /** Files of the staged view the command removed (whiteouts, opaque or replaced dirs). */
  deletes: string[];
  skipped: { rel: string; reason: string }[];
}

export interface ScanOptions {
  upper: string;
  listing: Map<string, Set<string>>;
  staging: StagingArea;
  /** Absolute workspace root and staging layer: a staged path must fit under both. */
  roots: string[];
  /** Says why staging a path is refused outright (git internals), or undefined. */
  refused: (rel: string) => string | undefined;
  signal?: AbortSignal;
}

export class ScanStopped extends Error {}

export async function scanUpper(o: ScanOptions): Promise<UpperPlan> {
  const plan: UpperPlan = { writes: [], deletes: [], skipped: [] };
  const skip = (rel: string, reason: string): void => void plan.skipped.push({ rel, reason });
  const tooLong = (rel: string) => o.roots.some((r) => Buffer.byteLength(toAbsolute(r, rel)) >= PATH_MAX);
  await walk('');
  return plan;

  function checkStop() {
    if (o.signal?.aborted) throw new ScanStopped('stopped');
  }

  async function walk(rel: string): Promise<void> {
    checkStop();
    // The staged view of this folder, read once (not a stat per file).
    const view = new Map((await o.staging.readDir(rel)).map((d) => [d.name, d.type] as const));
    const merged = o.listing.get(rel);
    if (merged) {
      for (const name of view.keys()) {
        if (!merged.has(name)) await deleteTree(childPath(rel, name));
      }
    }
    let entries: Dirent<Buffer>[];
    try {
      entries = await fs.readdir(toAbsolute(o.upper, rel), { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      skip(rel === '' ? '.' : `${rel}/`, `its folder could not be read (${codeOf(err)})`);
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const e of entries) {
      try {
        await entry(rel, e, view);
      } catch (err) {
        if (err instanceof ScanStopped) throw err;
        // e.g. the staged view refuses the path (a workspace symlink that leads outside)
        skip(childPath(rel, e.name.toString('utf8')), err instanceof Error ? err.message : String(err));
      }
    }
  }

  async function entry(parent: string, e: Dirent<Buffer>, view: Map<string, string>): Promise<void> {
    checkStop();
    const name = e.name.toString('utf8');
    const rel = childPath(parent, name);
    if (!Buffer.from(name, 'utf8').equals(e.name)) return skip(rel, 'its name is not valid UTF-8');
    if (name.includes('\\')) return skip(rel, 'the name contains a backslash (a path separator on Windows)');
    if (tooLong(rel)) return skip(e.isDirectory() ? `${rel}/` : rel, `the path is longer than PATH_MAX (${PATH_MAX} bytes)`);
    const refusal = o.refused(rel);
    if (refusal) return skip(e.isDirectory() ? `${rel}/` : rel, 'git internals are never staged');
    const abs = path.join(toAbsolute(o.upper, parent), name);
    const before = view.get(name);
    if (e.isDirectory()) {
      if (before !== undefined && before !== 'directory') await deleteTree(rel);
      return walk(rel);
    }
    if (e.isFile()) {
      let size: number;
      try {
        size = (await fs.lstat(abs)).size;
      } catch (err) {
        return skip(rel, `the file could not be read (${codeOf(err)})`);
      }
      if (size > MAX_STAGED_FILE_BYTES) return skip(rel, 'the file is larger than 2 GiB');
      if (before === 'directory') await deleteTree(rel);
      plan.writes.push({ rel, abs, size });
      return;
    }
    if (e.isSymbolicLink()) return skip(rel, 'symbolic links are not staged');
    if (e.isCharacterDevice()) {
      // A 0/0 character device is a whiteout: the parent's listing already covers it.
      const st = await fs.lstat(abs).catch(() => undefined);
      if (st && st.rdev === 0) return;
    }
    skip(rel, `it is ${kindOf(e)}`);
  }

  /** Every file of the staged view at or under `rel` becomes a deletion. */
  async function deleteTree(rel: string): Promise<void> {
    checkStop();
    if (o.refused(rel)) return skip(rel, 'git internals are never staged (it stays)');
    const st = await o.staging.stat(rel);
    if (!st) return;
    if (st.type === 'directory') {
      for (const entry of await o.staging.readDir(rel)) await deleteTree(childPath(rel, entry.name));
      return;
    }
    plan.deletes.push(rel);
  }
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

function kindOf(e: Dirent<Buffer>): string {
  if (e.isFIFO()) return 'a named pipe';
  if (e.isSocket()) return 'a socket';
  if (e.isBlockDevice()) return 'a block device';
  if (e.isCharacterDevice()) return 'a character device';
  return 'unknown type';
}
