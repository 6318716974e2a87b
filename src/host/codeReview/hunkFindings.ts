// Findings of the background review on the agent's staged hunks. vscode-free, pure.
// A finding's lines are on the staged version of its file as it was reviewed. The staged
// changes move on (the user rejects a hunk, edits the staged file, the agent writes
// again), so a finding is anchored to the CONTENT of the hunk it sits on, not its id or
// its lines: while a hunk with the same body is staged for the file the finding follows
// it (its lines shift with the hunk); once no such hunk is left, the code it was about
// was decided or rewritten and the finding is gone.
import type { Hunk, ReviewFinding, StagedChange } from '../../core/index';

export interface HunkAnchor {
  /** The hunk's body lines as reviewed (the identity the finding follows). */
  body: string;
  /** The finding's lines relative to the hunk's new start. */
  offset: number;
}

export type AnchoredFinding<F extends ReviewFinding = ReviewFinding> = F & { hunkId: string; anchor: HunkAnchor };

const bodyOf = (h: Pick<Hunk, 'lines'>) => h.lines.join('\n');

/** The first hunk whose new side overlaps lines start..end (1-based, inclusive). */
export function hunkAt(hunks: readonly Hunk[], start: number, end: number): Hunk | undefined {
  return hunks.find((h) => {
    const last = h.newStart + Math.max(h.newLines, 1) - 1;
    return start <= last && end >= h.newStart;
  });
}

/**
 * Anchors each finding to the hunk of its file that it overlaps in `changes` (the staged
 * changes that were reviewed); findings on no hunk (the review kept only findings inside
 * the diff, so only a change that moved meanwhile) are left out.
 */
export function anchorFindings<F extends ReviewFinding>(findings: readonly F[], changes: readonly StagedChange[]): AnchoredFinding<F>[] {
  const out: AnchoredFinding<F>[] = [];
  for (const f of findings) {
    const change = changes.find((c) => c.path === f.path);
    const hunk = change && hunkAt(change.hunks, f.startLine, f.endLine);
    if (hunk) out.push({ ...f, hunkId: hunk.id, anchor: { body: bodyOf(hunk), offset: f.startLine - hunk.newStart } });
  }
  return out;
}

/**
 * The anchored findings placed on `changes` as they are now: each on the staged hunk of its
 * file with the same body (its hunk id and lines updated); findings whose hunk is gone are
 * dropped. Returns the same array when nothing moved, so callers can skip a redraw.
 */
export function relocateFindings<F extends ReviewFinding>(findings: readonly AnchoredFinding<F>[], changes: readonly StagedChange[]): readonly AnchoredFinding<F>[] {
  let moved = false;
  const out: AnchoredFinding<F>[] = [];
  for (const f of findings) {
    const hunk = changes.find((c) => c.path === f.path)?.hunks.find((h) => bodyOf(h) === f.anchor.body);
    if (!hunk) {
      moved = true;
      continue;
    }
    const startLine = hunk.newStart + f.anchor.offset;
    if (hunk.id === f.hunkId && startLine === f.startLine) {
      out.push(f);
      continue;
    }
    moved = true;
    out.push({ ...f, hunkId: hunk.id, startLine, endLine: startLine + (f.endLine - f.startLine) });
  }
  return moved ? out : findings;
}

/**
 * Where a line of the staged version shows in an editor holding the WORKSPACE version
 * (the inline diff: removed lines are document lines, added lines ghost text after
 * them). A context line maps to itself; an added line to the document line it follows
 * in its hunk (the removed line it replaces, or the line before an insertion; the first
 * line for an insertion at the top); a line outside every hunk shifts by the lines the
 * hunks above it added or removed. 1-based in and out.
 */
export function stagedToWorkspaceLine(hunks: readonly Hunk[], line: number): number {
  let delta = 0; // workspace line = staged line + delta, for lines between hunks
  for (const h of [...hunks].sort((a, b) => a.newStart - b.newStart)) {
    if (line < h.newStart) break;
    if (line < h.newStart + h.newLines) return inHunk(h, line);
    delta += h.oldLines - h.newLines;
  }
  return Math.max(1, line + delta);
}

function inHunk(h: Hunk, line: number): number {
  let oldLine = h.oldStart;
  let newLine = h.newStart;
  let lastOld = h.oldStart - 1; // the document line before the hunk
  for (const raw of h.lines) {
    const op = raw[0];
    if (op === '-') {
      lastOld = oldLine++;
      continue;
    }
    if (newLine === line) return Math.max(1, op === '+' ? lastOld : oldLine);
    if (op !== '+') lastOld = oldLine++;
    newLine++;
  }
  return Math.max(1, lastOld);
}

/**
 * Staged lines (added + removed) in `after` that were not staged in `before`: what one
 * turn changed, whatever was already pending. A hunk counts as new unless a hunk with
 * the same body was staged for the same file before.
 */
export function changedLinesSince(before: readonly StagedChange[], after: readonly StagedChange[]): number {
  const seen = new Set(before.flatMap((c) => c.hunks.map((h) => `${c.path}\0${bodyOf(h)}`)));
  let n = 0;
  for (const c of after) {
    if (c.binary && !before.some((b) => b.path === c.path && b.binary)) n += 1;
    for (const h of c.hunks) {
      if (seen.has(`${c.path}\0${bodyOf(h)}`)) continue;
      n += h.lines.filter((l) => l[0] === '+' || l[0] === '-').length;
    }
  }
  return n;
}

/**
 * Where a background-review finding shows in the editor: on the workspace file, under the
 * inline diff (its staged lines mapped with stagedToWorkspaceLine), or, for a file the
 * agent added (no workspace file yet), on the staged document itself.
 */
export function editorRange(f: Pick<ReviewFinding, 'startLine' | 'endLine'>, change: Pick<StagedChange, 'kind' | 'hunks'> | undefined): { startLine: number; endLine: number; onStaged: boolean } {
  if (!change || change.kind === 'add') return { startLine: f.startLine, endLine: f.endLine, onStaged: true };
  const startLine = stagedToWorkspaceLine(change.hunks, f.startLine);
  return { startLine, endLine: Math.max(startLine, stagedToWorkspaceLine(change.hunks, f.endLine)), onStaged: false };
}
