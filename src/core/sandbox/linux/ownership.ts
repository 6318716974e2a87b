// Overlay copy-up inside a user namespace fails with EOVERFLOW when the lower file's
// owner is not mapped in the namespace (only our own uid is). Fallback: an
// "ownership-fix" layer between the staged layer and the workspace holding our own
// copies of the foreign-owned directories (empty) and of the foreign-owned files we
// could write (same bytes), so copy-up reads them from a layer we own. Contents are
// identical, so the staged view does not change; it only fixes who owns what.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const OWNERSHIP_SCAN_LIMIT = 200_000;

export interface ForeignScan {
  dirs: string[];
  files: string[];
  /** True when the walk stopped at the limit (copy-up of the rest may fail, visibly). */
  truncated: boolean;
}

/** Walks `root` (skipping .git, which is read-only in the sandbox) for foreign owners. */
export async function scanForeignOwned(root: string, uid: number, gid: number, limit = OWNERSHIP_SCAN_LIMIT): Promise<ForeignScan> {
  const result: ForeignScan = { dirs: [], files: [], truncated: false };
  let seen = 0;
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop()!;
    let names: string[];
    try {
      names = await fs.readdir(path.join(root, rel));
    } catch {
      continue;
    }
    for (const name of names) {
      if (rel === '' && name === '.git') continue;
      if (++seen > limit) {
        result.truncated = true;
        return result;
      }
      const child = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = await fs.lstat(path.join(root, child));
      } catch {
        continue;
      }
      const foreign = st.uid !== uid || st.gid !== gid;
      if (st.isDirectory()) {
        if (foreign) result.dirs.push(child);
        stack.push(child);
      } else if (st.isFile() && foreign && (st.mode & 0o022) !== 0) {
        result.files.push(child);
      }
    }
  }
  return result;
}

/** Builds the fix layer in `dir`; returns false when there was nothing to fix. */
export async function buildOwnershipLayer(root: string, scan: ForeignScan, dir: string): Promise<boolean> {
  if (!scan.dirs.length && !scan.files.length) return false;
  for (const d of scan.dirs) {
    const st = await fs.stat(path.join(root, d));
    await fs.mkdir(path.join(dir, d), { recursive: true, mode: st.mode & 0o7777 });
  }
  for (const f of scan.files) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.copyFile(path.join(root, f), path.join(dir, f));
  }
  return true;
}
