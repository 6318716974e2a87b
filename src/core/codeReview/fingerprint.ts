// A finding's fingerprint: what a dismissal remembers, so a dismissed finding is not
// reported again "for the same code" even when the reviewer words it differently or the
// code moved. It hashes the path and the new-side lines the finding covers, as the diff
// shows them (so it needs no file reads and works for any target: a commit, the index,
// an agent's staged changes), with whitespace runs collapsed and blank lines ignored.
// Contract: same path + same code in the range => same fingerprint; edit a covered line
// (beyond whitespace) and it changes. Two different problems on exactly the same lines
// share one (a dismissal is per piece of code).
import { createHash } from 'node:crypto';
import { parsePatch } from 'diff';
import type { DiffFile } from './diff';

/** New-side line number -> text, from the file's hunks (context and added lines). */
const newSideCache = new WeakMap<DiffFile, Map<number, string>>();

function newSideLines(file: DiffFile): Map<number, string> {
  let lines = newSideCache.get(file);
  if (lines) return lines;
  lines = new Map();
  const [patch] = file.binary || file.patch === '' ? [] : parsePatch(file.patch);
  for (const h of patch?.hunks ?? []) {
    let n = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith('+') || l.startsWith(' ')) lines.set(n++, l.slice(1));
    }
  }
  newSideCache.set(file, lines);
  return lines;
}

export function findingFingerprint(file: DiffFile, startLine: number, endLine: number): string {
  const shown = newSideLines(file);
  const code: string[] = [];
  for (let n = startLine; n <= endLine; n++) {
    const text = shown.get(n)?.trim().replace(/\s+/g, ' ');
    if (text) code.push(text);
  }
  // no code to hash (a range of blank lines): fall back to the line numbers
  const key = code.length > 0 ? code.join('\n') : `@${startLine}-${endLine}`;
  return createHash('sha256').update(`${file.path}\0${key}`).digest('hex').slice(0, 24);
}
