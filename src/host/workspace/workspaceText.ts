import type { LineEdit } from '../../core/index';
// Turns core line edits (0-based [startLine, endLine) in old-text lines, see
// src/core/staging/textEdits.ts) into editor positions. Pure, so it is unit-tested.
// Contract: only valid when the editor splits `oldText` into the same lines as the core:
// true unless the text has a lone "\r" (the editor breaks lines there, the core does
// not). canEditAsLines() says so.

export interface Pos {
  line: number;
  character: number;
}

export interface RangeEdit {
  start: Pos;
  end: Pos;
  text: string;
}

export function canEditAsLines(oldText: string): boolean {
  return !/\r(?!\n)/.test(oldText);
}

export function lineEditRanges(oldText: string, edits: readonly LineEdit[]): RangeEdit[] {
  let breaks = 0;
  for (let i = oldText.indexOf('\n'); i >= 0; i = oldText.indexOf('\n', i + 1)) breaks++;
  // Lines as the core counts them: each ends at "\n"; a trailing partial line counts.
  const lineCount = oldText === '' || oldText.endsWith('\n') ? breaks : breaks + 1;
  // The editor position after the last character.
  const endOfDoc: Pos = { line: breaks, character: oldText.length - (oldText.lastIndexOf('\n') + 1) };
  const at = (line: number): Pos => (line < lineCount ? { line, character: 0 } : endOfDoc);
  return edits.map((e) => ({ start: at(e.startLine), end: at(e.endLine), text: e.newText }));
}
