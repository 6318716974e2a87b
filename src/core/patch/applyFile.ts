// Applies the chunks of one `*** Update File` to one file's text. Pure: string in,
// string out, PatchApplyError (with a message the model can act on) otherwise.
//
// Placement rules, per chunk, in patch order:
//  - The search starts after the previous chunk (chunks must be in file order).
//  - Each `@@ anchor` is sought in turn (first occurrence at the best level) and the
//    search continues after it (or on it, when the old lines start with the anchor
//    line); with an anchor, the first match from there is taken.
//  - Without an anchor, the old lines must match exactly one place at the winning level;
//    several equal matches fail as ambiguous (we never guess where an edit goes).
//  - `*** End of File` chunks try the file's end first, then the normal search.
//  - A chunk with no old lines inserts after its anchor, or at the end of the file.
//    Without an anchor it does not move the search (as in codex): hunks after it are
//    still sought from where the previous one ended.
// Context lines are copied from the file, not the patch, so fuzzy matching never
// rewrites whitespace or punctuation on lines the patch meant to keep.
import type { PatchChunk } from './parser';
import { LineIndex, nearestWindows, seek as seekFrom, seekAll, seekAtEnd, type SeekResult } from './seek';
import { joinText, splitText, type TextLine } from './text';

export class PatchApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchApplyError';
  }
}

interface Placement {
  start: number;
  /** Number of file lines the chunk covers. */
  length: number;
  chunk: PatchChunk;
  ops: PatchChunk['ops'];
}

const MAX_SHOWN = 12;

function quoteLines(lines: readonly string[], prefix = '  '): string {
  const shown = lines.slice(0, MAX_SHOWN).map((l) => `${prefix}${l}`);
  if (lines.length > MAX_SHOWN) shown.push(`${prefix}[… ${lines.length - MAX_SHOWN} more lines]`);
  return shown.join('\n');
}

/** "Nearest lines in the file" block for a failed match, with 1-based line numbers. */
function describeNearest(index: LineIndex, pattern: readonly string[], path: string): string {
  const windows = nearestWindows(index, pattern, 2);
  if (windows.length === 0) return `Nothing in ${path} looks similar.`;
  const width = Math.min(Math.max(pattern.length, 1), MAX_SHOWN);
  const blocks = windows.map((w) => {
    const from = w.start;
    const to = Math.min(index.lines.length, from + width);
    const numbered = [];
    for (let i = from; i < to; i++) numbered.push(`  ${String(i + 1).padStart(5)}: ${index.lines[i]}`);
    return numbered.join('\n');
  });
  return `The nearest lines in ${path}:\n${blocks.join('\n  ...\n')}`;
}

function hunkName(chunk: PatchChunk, k: number, path: string): string {
  return `hunk ${k + 1} of ${path} (patch line ${chunk.patchLine})`;
}

function place(index: LineIndex, chunk: PatchChunk, k: number, cursor: number, path: string): Placement {
  let from = cursor;
  for (const anchor of chunk.anchors) {
    const found = seekFrom(index, [anchor], from, 1);
    if (!found) {
      const again = from > 0 && seekFrom(index, [anchor], 0, 1) ? ' (it appears only before the previous hunk: hunks must be in file order)' : '';
      throw new PatchApplyError(
        `Could not find the @@ line "${anchor.trim()}" for ${hunkName(chunk, k, path)}${again}.\n${describeNearest(index, [anchor], path)}`,
      );
    }
    from = found.indices[0] + 1;
  }
  const anchored = chunk.anchors.length > 0;
  let ops = chunk.ops;
  let old = chunk.oldLines;
  if (old.length === 0) {
    return { start: anchored ? from : index.lines.length, length: 0, chunk, ops };
  }
  // Models often repeat the anchor as the first context line: let the match start on it.
  if (anchored) from--;
  // Anchored: the first match wins. Unanchored: a second match is enough to know the
  // hunk is ambiguous (the error path then collects them all for its message).
  const limit = anchored ? 1 : 2;
  const seek = (pattern: readonly string[]): SeekResult | undefined =>
    (chunk.endOfFile ? seekAtEnd(index, pattern, from) : undefined) ?? seekFrom(index, pattern, from, limit);
  let found = seek(old);
  if (!found && old[old.length - 1] === '') {
    // Models often show the empty "line" after the final newline as context: drop it.
    const lastOld = ops.map((o) => o.kind).lastIndexOf('ctx');
    if (lastOld >= 0 && ops.slice(lastOld + 1).every((o) => o.kind === 'add') && ops[lastOld].text === '') {
      const trimmed = [...ops.slice(0, lastOld), ...ops.slice(lastOld + 1)];
      const trimmedOld = trimmed.filter((o) => o.kind !== 'add').map((o) => o.text);
      const retry = seek(trimmedOld);
      if (retry) {
        found = retry;
        ops = trimmed;
        old = trimmedOld;
      }
    }
  }
  if (!found) {
    const elsewhere = from > 0 && seekFrom(index, old, 0, 1) ? ' They appear only before the previous hunk: hunks must be in file order.' : '';
    throw new PatchApplyError(
      `Could not find the lines of ${hunkName(chunk, k, path)}:\n${quoteLines(old)}\n${elsewhere ? elsewhere.trim() + '\n' : ''}${describeNearest(index, old, path)}`,
    );
  }
  if (found.indices.length > 1 && !anchored) {
    found = seekAll(index, old, from) ?? found;
    const where = found.indices.slice(0, 8).map((i) => i + 1).join(', ');
    throw new PatchApplyError(
      `The lines of ${hunkName(chunk, k, path)} match ${found.indices.length} places (starting at lines ${where}):\n${quoteLines(old)}\n` +
        'Add an "@@ <line>" header naming the enclosing function or class, or include more unique context lines.',
    );
  }
  return { start: found.indices[0], length: old.length, chunk, ops };
}

/** New text of a file after the chunks; throws PatchApplyError when a chunk cannot be placed. */
export function applyChunks(path: string, text: string, chunks: readonly PatchChunk[]): string {
  const split = splitText(text);
  const index = new LineIndex(split.lines.map((l) => l.text));
  const placements: Placement[] = [];
  let cursor = 0;
  chunks.forEach((chunk, k) => {
    const p = place(index, chunk, k, cursor, path);
    placements.push(p);
    if (chunk.oldLines.length > 0 || chunk.anchors.length > 0) cursor = p.start + p.length;
  });
  // An unanchored addition sits at the end while later hunks may sit before it.
  placements.sort((a, b) => a.start - b.start);

  const n = split.lines.length;
  const out: TextLine[] = [];
  let appendedAtEnd = false;
  let pos = 0;
  for (const p of placements) {
    while (pos < p.start) out.push({ ...split.lines[pos++] });
    for (const op of p.ops) {
      if (op.kind === 'ctx') out.push({ ...split.lines[pos++] });
      else if (op.kind === 'del') pos++;
      else out.push({ text: op.text, eol: split.eol });
    }
    if (p.chunk.appendsAfter && p.start + p.length === n) appendedAtEnd = true;
  }
  while (pos < n) out.push({ ...split.lines[pos++] });

  // Only the last line may lack a terminator; it lacks one only if the file lacked one
  // and the patch did not append lines at the end.
  for (let i = 0; i < out.length - 1; i++) if (out[i].eol === '') out[i].eol = split.eol;
  const last = out[out.length - 1];
  if (last) {
    if (!split.trailingNewline && !appendedAtEnd) last.eol = '';
    else if (last.eol === '') last.eol = split.eol;
  }
  return joinText(split.bom, out);
}
