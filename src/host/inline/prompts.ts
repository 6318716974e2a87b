import type { Attachment } from '../../core/index';
// The message and attachments of a focused session ("Fix with Tandem", "Fix this",
// "Explain this", "Edit selection…"). Pure, so it is unit-tested. The surrounding code
// goes as a `file` attachment with a range: the core reads it through the staged view,
// which sees the user's unsaved text.

export type FocusKind = 'fix' | 'explain' | 'edit';

export interface DiagnosticInfo {
  message: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** 1-based line and column of the start. */
  line: number;
  column: number;
  source?: string;
  code?: string;
}

export interface FocusRequest {
  kind: FocusKind;
  /** Workspace-relative POSIX path. */
  path: string;
  /** 1-based inclusive lines of the selection (or of the diagnostic when nothing is selected). */
  startLine: number;
  endLine: number;
  /** The selected text ('' when nothing is selected). */
  selectedText: string;
  /** Lines in the document, to clamp the surrounding range. */
  lineCount: number;
  diagnostics: DiagnosticInfo[];
  /** For "Edit selection…": what the user typed. */
  instruction?: string;
}

export const SURROUNDING_LINES = 30;

export function formatDiagnostic(path: string, d: DiagnosticInfo): string {
  const source = [d.source, d.code].filter((x) => x !== undefined && x !== '').join(' ');
  return `${path}:${d.line}:${d.column} ${d.severity}${source ? ` ${source}` : ''}: ${d.message}`;
}

function where(r: FocusRequest): string {
  return r.startLine === r.endLine ? `${r.path}:${r.startLine}` : `${r.path} (lines ${r.startLine}-${r.endLine})`;
}

function firstLine(text: string, max = 120): string {
  const line = text.split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The user message for the focused session. */
export function focusedText(r: FocusRequest): string {
  const staged = 'Make the change with apply_patch; the user reviews it inline in the editor before anything is written.';
  switch (r.kind) {
    case 'fix': {
      const problem = r.diagnostics[0];
      const what = problem ? `the ${problem.severity} at ${r.path}:${problem.line} ("${firstLine(problem.message)}")` : `the code at ${where(r)}`;
      const more = r.diagnostics.length > 1 ? ` and the ${r.diagnostics.length - 1} other problem(s) listed` : '';
      return `Fix ${what}${more}. Change only what the fix needs. ${staged}`;
    }
    case 'explain':
      return `Explain the code at ${where(r)}: what it does and why, and anything surprising. Answer in the chat; do not change any files.`;
    case 'edit':
      return `Edit the code at ${where(r)}: ${r.instruction?.trim() ?? ''}\nKeep the change to the selected code unless more is needed. ${staged}`;
  }
}

export function focusedAttachments(r: FocusRequest): Attachment[] {
  const out: Attachment[] = [];
  if (r.diagnostics.length) out.push({ type: 'diagnostics', text: r.diagnostics.map((d) => formatDiagnostic(r.path, d)).join('\n') });
  if (r.selectedText) out.push({ type: 'selection', path: r.path, text: r.selectedText, startLine: r.startLine, endLine: r.endLine });
  const startLine = Math.max(1, r.startLine - SURROUNDING_LINES);
  const endLine = Math.min(Math.max(1, r.lineCount), r.endLine + SURROUNDING_LINES);
  out.push({ type: 'file', path: r.path, range: { startLine, endLine } });
  return out;
}
