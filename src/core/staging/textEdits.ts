// Line-range edits for hosts that apply changes through their editor (VS Code's
// WorkspaceEdit), so untouched lines, cursors, folding and undo survive an apply.
import { diffArrays } from 'diff';
import { splitLinesKeepEol } from '../util/text';

/**
 * Replace lines [startLine, endLine) of the old text (0-based; from the start of
 * startLine to the start of endLine, or to the end of the document when endLine is the
 * old line count) with newText, which carries its own line terminators. startLine ===
 * endLine is a pure insertion before startLine. Edits are ascending, never overlap and
 * are all expressed in old-text coordinates (apply them together, or bottom-up).
 * A "line" ends at "\n"; a last line without newline counts as a line.
 */
export interface LineEdit {
  startLine: number;
  endLine: number;
  newText: string;
}

/** Minimal line edits turning oldText into newText (one per contiguous changed block). */
export function computeLineEdits(oldText: string, newText: string): LineEdit[] {
  if (oldText === newText) return [];
  const oldLines = splitLinesKeepEol(oldText);
  const newLines = splitLinesKeepEol(newText);
  const edits: LineEdit[] = [];
  let line = 0;
  let pending: LineEdit | undefined;
  for (const part of diffArrays(oldLines, newLines)) {
    if (!part.added && !part.removed) {
      if (pending) edits.push(pending);
      pending = undefined;
      line += part.value.length;
      continue;
    }
    pending ??= { startLine: line, endLine: line, newText: '' };
    if (part.removed) {
      line += part.value.length;
      pending.endLine = line;
    } else {
      pending.newText += part.value.join('');
    }
  }
  if (pending) edits.push(pending);
  return edits;
}

/** Applies edits from computeLineEdits to oldText (the reference semantics, for tests and hosts). */
export function applyLineEdits(oldText: string, edits: LineEdit[]): string {
  const lines = splitLinesKeepEol(oldText);
  const out: string[] = [];
  let pos = 0;
  for (const e of edits) {
    out.push(...lines.slice(pos, e.startLine), e.newText);
    pos = e.endLine;
  }
  out.push(...lines.slice(pos));
  return out.join('');
}
