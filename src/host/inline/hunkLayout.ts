import type { Hunk } from '../../core/index';
// Where a staged hunk shows in an editor holding the WORKSPACE version of the file (the
// file on disk is unchanged until the user accepts). Pure, so it is unit-tested.
// Contract: hunks come from StagingArea.changes(), which diffs against the workspace as
// it is now (an open document's text), so the hunk's old side is the document's lines:
// - removed lines are real document lines: whole-line red decorations;
// - added lines do not exist in the document: they show as green ghost text after a
//   document line (paired one-to-one with the removed lines they replace; the rest of
//   a block joined on the last line of the block, or on the line before a pure insertion).

export interface Ghost {
  /** 0-based document line the ghost text follows (or precedes, for `before`). */
  line: number;
  text: string;
  /** Insertion at the very top of the file: shown before line 0. */
  before?: boolean;
}

export interface HunkLayout {
  hunkId: string;
  /** 0-based document line the hunk's CodeLens sits on (its first change). */
  anchorLine: number;
  /** 0-based document lines the hunk removes or replaces. */
  removedLines: number[];
  ghosts: Ghost[];
  added: number;
  removed: number;
}

/** Separator between added lines shown on one document line. */
export const JOIN = '  ⏎  ';

function ghostText(lines: string[]): string {
  return lines.map((l, i) => (i === 0 ? l : l.trimStart())).join(JOIN);
}

export function layoutHunk(h: Hunk): HunkLayout {
  const layout: HunkLayout = { hunkId: h.id, anchorLine: -1, removedLines: [], ghosts: [], added: 0, removed: 0 };
  let line = Math.max(0, h.oldStart - 1);
  let removed: number[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length === 0 && added.length === 0) return;
    if (layout.anchorLine < 0) layout.anchorLine = removed[0] ?? Math.max(0, line - 1);
    if (removed.length === 0) {
      // pure insertion before `line`
      if (line === 0) layout.ghosts.push({ line: 0, text: ghostText(added), before: true });
      else layout.ghosts.push({ line: line - 1, text: ghostText(added) });
    } else {
      const paired = Math.min(removed.length, added.length);
      for (let i = 0; i < paired; i++) {
        const rest = i === removed.length - 1 ? added.slice(i) : [added[i]];
        layout.ghosts.push({ line: removed[i], text: ghostText(rest) });
      }
    }
    removed = [];
    added = [];
  };
  for (const raw of h.lines) {
    const op = raw[0];
    if (op === '-') {
      // a block runs until the next context line, so "-a +b -c +d" pairs a→b, c→d
      layout.removedLines.push(line);
      removed.push(line++);
      layout.removed++;
    } else if (op === '+') {
      added.push(raw.slice(1));
      layout.added++;
    } else {
      flush();
      line++;
    }
  }
  flush();
  if (layout.anchorLine < 0) layout.anchorLine = Math.max(0, h.oldStart - 1);
  return layout;
}

export function layoutHunks(hunks: readonly Hunk[]): HunkLayout[] {
  return hunks.map(layoutHunk);
}
