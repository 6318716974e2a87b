// Hunks, partial application and three-way merge over exact line tokens.
// Lines keep their terminators ("a\r\n"), so applying hunks or merging never changes a
// line ending the user did not ask to change, and "no newline at end of file" is just a
// last token without "\n".
import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';
import { diff3Merge } from 'node-diff3';
import { splitLinesKeepEol } from '../util/text';
import type { Hunk } from './types';

/** A hunk plus its exact 0-based token ranges in the old and new texts. */
export interface HunkInfo extends Hunk {
  o0: number;
  oLen: number;
  n0: number;
  nLen: number;
}

/**
 * Hunks (3 lines of context) turning oldText into newText. Ids are a hash of the
 * hunk's exact lines, suffixed with an occurrence number when two hunks are identical,
 * so a hunk keeps its id while other hunks of the file are applied or rejected.
 */
export function computeHunks(oldText: string, newText: string): HunkInfo[] {
  if (oldText === newText) return [];
  const patch = structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context: 3 });
  const seen = new Map<string, number>();
  return patch.hunks.map((h) => {
    const lines: string[] = [];
    let oldNoNewline = false;
    let newNoNewline = false;
    for (const raw of h.lines) {
      if (raw.startsWith('\\')) {
        // The marker follows the line it is about; a context line is on both sides.
        const prev = lines[lines.length - 1] ?? ' ';
        if (prev[0] !== '+') oldNoNewline = true;
        if (prev[0] !== '-') newNoNewline = true;
        continue;
      }
      // Display lines without the CR of CRLF files; the exact bytes live in the texts.
      lines.push(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    }
    const digest = createHash('sha1').update(h.lines.join('\n')).digest('hex').slice(0, 10);
    const n = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, n);
    const hunk: HunkInfo = {
      id: n === 1 ? `h${digest}` : `h${digest}-${n}`,
      oldStart: h.oldStart,
      oldLines: h.oldLines,
      newStart: h.newStart,
      newLines: h.newLines,
      lines,
      // diff@9 reports the 1-based first line even for empty ranges ('' -> oldStart 1).
      o0: Math.max(0, h.oldStart - 1),
      oLen: h.oldLines,
      n0: Math.max(0, h.newStart - 1),
      nLen: h.newLines,
    };
    if (oldNoNewline) hunk.oldNoNewlineAtEnd = true;
    if (newNoNewline) hunk.newNoNewlineAtEnd = true;
    return hunk;
  });
}

/** Public shape of a hunk (drops the internal ranges). */
export function publicHunk(h: HunkInfo): Hunk {
  const { o0: _o, oLen: _ol, n0: _n, nLen: _nl, ...rest } = h;
  return rest;
}

export function countChanges(hunks: Hunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const h of hunks) {
    for (const l of h.lines) {
      if (l[0] === '+') added++;
      else if (l[0] === '-') removed++;
    }
  }
  return { added, removed };
}

/**
 * oldText with only the `chosen` hunks (of computeHunks(oldText, newText)) applied.
 * Hunks are replaced whole, context included: context is identical on both sides.
 */
export function applyHunks(oldText: string, newText: string, hunks: HunkInfo[], chosen: ReadonlySet<string>): string {
  const oldTok = splitLinesKeepEol(oldText);
  const newTok = splitLinesKeepEol(newText);
  const out: string[] = [];
  let pos = 0;
  for (const h of [...hunks].sort((a, b) => a.o0 - b.o0)) {
    if (!chosen.has(h.id)) continue;
    for (; pos < h.o0; pos++) out.push(oldTok[pos]);
    for (let i = 0; i < h.nLen; i++) out.push(newTok[h.n0 + i]);
    pos = h.o0 + h.oLen;
  }
  for (; pos < oldTok.length; pos++) out.push(oldTok[pos]);
  return out.join('');
}

export type MergeResult =
  | { clean: true; text: string }
  | { clean: false; conflicts: { start: number; end: number }[] };

/**
 * Three-way merge of line tokens with node-diff3: changes base->ours and base->theirs
 * that do not overlap (or are identical) combine; anything else is a conflict, reported
 * as 1-based line ranges in `ours` (the user's workspace).
 */
export function merge3(ours: string, base: string, theirs: string): MergeResult {
  if (ours === theirs) return { clean: true, text: ours };
  if (base === theirs) return { clean: true, text: ours };
  if (base === ours) return { clean: true, text: theirs };
  const regions = diff3Merge(splitLinesKeepEol(ours), splitLinesKeepEol(base), splitLinesKeepEol(theirs));
  const out: string[] = [];
  const conflicts: { start: number; end: number }[] = [];
  for (const r of regions) {
    if (r.ok) out.push(...r.ok);
    else if (r.conflict) {
      const start = r.conflict.aIndex + 1;
      conflicts.push({ start, end: Math.max(start, r.conflict.aIndex + r.conflict.a.length) });
    }
  }
  return conflicts.length ? { clean: false, conflicts } : { clean: true, text: out.join('') };
}

/** "lines 10-14", "line 3", "lines 2-4 and 9" for conflict details. */
export function describeLines(ranges: { start: number; end: number }[]): string {
  const parts = ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`));
  const word = ranges.length === 1 && ranges[0].start === ranges[0].end ? 'line' : 'lines';
  const list = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${word} ${list}`;
}
