// Pure helpers for the inline diff: numbered rows of a hunk, the labels the review
// controls use, and the caps that keep a huge diff from freezing the view.
import * as l10n from '@vscode/l10n';
import type { ChangedFileSummary, ChangedHunk, ChangeOutcome } from '../../../src/protocol';

/** Rows rendered per hunk before "Show more lines"; each click adds SHOW_MORE_LINES. */
export const HUNK_LINE_CAP = 150;
export const SHOW_MORE_LINES = 500;
/** Hunks rendered per file before "Show more hunks". */
export const FILE_HUNK_CAP = 20;

/** git's marker line, shown as git shows it (not translated, like the rest of a diff). */
export const NO_NEWLINE = 'No newline at end of file';

export type DiffRowKind = 'context' | 'add' | 'del' | 'note';

export interface DiffRow {
  kind: DiffRowKind;
  /** 1-based line number in the workspace (old) version; context and removed lines. */
  old?: number;
  /** 1-based line number in the staged (new) version; context and added lines. */
  new?: number;
  text: string;
}

/** Start lines of `@@ -a[,b] +c[,d] @@`; undefined when the header is not one. */
export function parseHunkHeader(header: string): { oldStart: number; newStart: number } | undefined {
  const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(header);
  return m ? { oldStart: Number(m[1]), newStart: Number(m[2]) } : undefined;
}

/**
 * Numbered rows of one hunk. A body line starting with a backslash (git's
 * "\ No newline at end of file") becomes a note row where it stands; the hunk's
 * old/newNoNewlineAtEnd flags add one after the last line of that side (once, when
 * both sides end on the same context line). Unknown prefixes are shown as context.
 */
export function diffRows(hunk: ChangedHunk): DiffRow[] {
  const start = parseHunkHeader(hunk.header);
  let oldNo = start?.oldStart;
  let newNo = start?.newStart;
  // an empty side is "-0,0" / "+0,0": its first line would be 1
  if (oldNo === 0) oldNo = 1;
  if (newNo === 0) newNo = 1;
  const rows: DiffRow[] = [];
  let lastOld = -1;
  let lastNew = -1;
  const markerInBody = hunk.lines.some((l) => l.startsWith('\\'));
  for (const line of hunk.lines) {
    const sign = line[0];
    if (sign === '\\') {
      rows.push({ kind: 'note', text: NO_NEWLINE });
      continue;
    }
    const text = sign === '+' || sign === '-' || sign === ' ' ? line.slice(1) : line;
    if (sign === '+') {
      rows.push({ kind: 'add', new: newNo, text });
      if (newNo !== undefined) newNo++;
      lastNew = rows.length - 1;
    } else if (sign === '-') {
      rows.push({ kind: 'del', old: oldNo, text });
      if (oldNo !== undefined) oldNo++;
      lastOld = rows.length - 1;
    } else {
      rows.push({ kind: 'context', old: oldNo, new: newNo, text });
      if (oldNo !== undefined) oldNo++;
      if (newNo !== undefined) newNo++;
      lastOld = lastNew = rows.length - 1;
    }
  }
  if (markerInBody) return rows;
  const after = new Set<number>();
  if (hunk.oldNoNewlineAtEnd && lastOld >= 0) after.add(lastOld);
  if (hunk.newNoNewlineAtEnd && lastNew >= 0) after.add(lastNew);
  // insert from the end so earlier positions stay valid
  for (const at of [...after].sort((a, b) => b - a)) rows.splice(at + 1, 0, { kind: 'note', text: NO_NEWLINE });
  return rows;
}

/** Width (in digits) of the widest line number, so the gutter lines up across rows. */
export function gutterDigits(rows: DiffRow[]): number {
  let max = 1;
  for (const r of rows) max = Math.max(max, r.old ?? 0, r.new ?? 0);
  return String(max).length;
}

/** Hunk-level Apply/Reject exist for modified text files only; the rest are reviewed whole. */
export function hunksReviewable(c: ChangedFileSummary): boolean {
  return c.kind === 'modify' && !c.binary && c.hunks.length > 0;
}

/** What the per-hunk controls are named after: "hunk 2 of 3 in src/a.ts". */
export function hunkTarget(path: string, index: number, total: number): string {
  return l10n.t('hunk {0} of {1} in {2}', index + 1, total, path);
}

/** What the per-file controls are named after: "file src/a.ts". */
export function fileTarget(path: string): string {
  return l10n.t('file {0}', path);
}

/**
 * A key that changes when a hunk is not the same hunk any more. Hunk ids restart at
 * "h0" for every change set, so after applying h0 the old h1 may come back as h0.
 */
export function hunkKey(h: ChangedHunk): string {
  return `${h.id}|${h.header}|${h.lines.length}|${h.lines[0] ?? ''}|${h.lines[h.lines.length - 1] ?? ''}`;
}

export function kindLabel(kind: ChangedFileSummary['kind']): string {
  if (kind === 'add') return l10n.t('added');
  if (kind === 'delete') return l10n.t('deleted');
  if (kind === 'rename') return l10n.t('renamed');
  return l10n.t('modified');
}
/** git's status letters, shown untranslated in every language (as VS Code's Source Control does). */
export const KIND_LETTER = { add: 'A', modify: 'M', delete: 'D', rename: 'R' } as const;

/**
 * Conflicts of an all-files apply from the structured `outcomes` of the result, by path,
 * worded as the host words them ("Not applied: <path> (<detail>).").
 */
export function conflictsInOutcomes(outcomes: ChangeOutcome[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const o of outcomes) {
    if (o.status === 'conflict') found.set(o.path, l10n.t('Not applied: {0} ({1}).', o.path, o.detail ?? l10n.t('conflict')));
    // a protected change left staged by an all-files apply: say why, next to the file
    else if (o.status === 'held') found.set(o.path, l10n.t('Not applied: {0}', o.detail ?? l10n.t('{0} is protected; apply it on its own', o.path)));
  }
  return found;
}

/**
 * Fallback for hosts without `outcomes`: conflicts named in the message of an all-files apply (one line per file, from the
 * host's describeOutcome: "Not applied: <path> (<detail>)."), by path.
 */
export function conflictsInMessage(message: string, paths: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of message.split('\n')) {
    if (!line.startsWith('Not applied: ')) continue;
    // the longest matching path wins ("a.ts" must not claim "a.ts.bak")
    const path = paths.filter((p) => line.startsWith(`Not applied: ${p} (`)).sort((a, b) => b.length - a.length)[0];
    if (path) found.set(path, line);
  }
  return found;
}
