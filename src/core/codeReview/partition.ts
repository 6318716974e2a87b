// Splits a diff into parts for reviewer sessions that run in parallel. Files are grouped
// by directory (code that works together mostly lives together, and a reviewer that sees
// a module whole catches more than one that sees scattered files), groups are taken in
// path order so neighbouring directories share a part, and a part is filled up to
// `maxPartChars` of diff text. A directory too large for one part is split between
// files; a file too large for any part, or beyond the total budget, is omitted (listed to
// the reviewers, never reviewed). Binary files have nothing to review and go nowhere.
import path from 'node:path';
import type { DiffFile } from './diff';

export interface Partition {
  /** Each part's files, in diff order within the part. */
  parts: DiffFile[][];
  /** Files too large to review. */
  omitted: DiffFile[];
}

export function partitionDiff(files: readonly DiffFile[], maxPartChars: number, maxTotalChars: number): Partition {
  const omitted: DiffFile[] = [];
  const groups = new Map<string, DiffFile[]>();
  let total = 0;
  for (const f of files) {
    if (f.binary) continue;
    if (f.patch.length > maxPartChars || total + f.patch.length > maxTotalChars) {
      omitted.push(f);
      continue;
    }
    total += f.patch.length;
    const dir = path.posix.dirname(f.path);
    const group = groups.get(dir) ?? [];
    group.push(f);
    groups.set(dir, group);
  }
  if (total <= maxPartChars) {
    const all = files.filter((f) => !f.binary && !omitted.includes(f));
    return { parts: all.length ? [all] : [], omitted };
  }
  const parts: DiffFile[][] = [];
  let current: DiffFile[] = [];
  let used = 0;
  const flush = () => {
    if (current.length) parts.push(current);
    current = [];
    used = 0;
  };
  for (const dir of [...groups.keys()].sort()) {
    const group = groups.get(dir)!;
    const size = group.reduce((n, f) => n + f.patch.length, 0);
    // a directory that fits in a fresh part is never split across two
    if (used > 0 && used + size > maxPartChars && size <= maxPartChars) flush();
    for (const f of group) {
      if (used + f.patch.length > maxPartChars) flush();
      current.push(f);
      used += f.patch.length;
    }
  }
  flush();
  return { parts, omitted };
}
