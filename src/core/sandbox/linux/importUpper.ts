// After a sandboxed command: bring what it changed into the staging area, the one
// source of truth. Regular files in the upper dir whose bytes differ from the staged
// view are staged writes; entries of the staged view missing from the merged listing of
// a directory (whiteouts, opaque directories, removed trees) are staged deletions.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StagingArea } from '../../staging/types';
import { bytesEqual } from '../../util/text';
import { childPath } from '../../util/paths';

export interface ImportResult {
  paths: string[];
  notes: string[];
}

export async function importUpper(
  upper: string,
  listing: Map<string, Set<string>>,
  staging: StagingArea,
): Promise<ImportResult> {
  const result: ImportResult = { paths: [], notes: [] };
  const changed = new Set<string>();
  await walk('');
  result.paths = [...changed].sort();
  return result;

  async function walk(rel: string): Promise<void> {
    const merged = listing.get(rel);
    if (merged) {
      for (const entry of await staging.readDir(rel)) {
        if (!merged.has(entry.name)) await deleteTree(childPath(rel, entry.name));
      }
    }
    const entries = await fs.readdir(path.join(upper, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const child = childPath(rel, e.name);
      if (e.isDirectory()) {
        const st = await staging.stat(child);
        if (st && st.type !== 'directory') await deleteTree(child);
        await walk(child);
      } else if (e.isFile()) {
        const bytes = new Uint8Array(await fs.readFile(path.join(upper, child)));
        const st = await staging.stat(child);
        if (st?.type === 'directory') await deleteTree(child);
        const before = st?.type === 'file' ? await staging.readFile(child) : undefined;
        if (!bytesEqual(before, bytes)) {
          await staging.writeFile(child, bytes);
          changed.add(child);
        }
      } else if (e.isSymbolicLink()) {
        result.notes.push(`${child}: symbolic link created by the command was not staged`);
      }
      // character devices 0/0 are whiteouts: covered by the parent's listing
    }
  }

  async function deleteTree(rel: string): Promise<void> {
    const st = await staging.stat(rel);
    if (!st) return;
    if (st.type === 'directory') {
      for (const entry of await staging.readDir(rel)) await deleteTree(childPath(rel, entry.name));
      return;
    }
    await staging.deleteFile(rel);
    changed.add(rel);
  }
}

