// Keeps the findings a reviewer can act on: inside the reviewed diff (a finding must
// overlap a hunk's new-side lines; a file that is not in the diff, deleted or binary has
// none), confident enough, not dismissed, and not duplicates (same file, overlapping
// lines, and the same start line or the same title: the more urgent, then the more
// confident one wins). Every kept finding gets its fingerprint. Pure.
import path from 'node:path';
import { toWorkspacePath } from '../util/paths';
import type { DiffFile, LineRange } from './diff';
import { findingFingerprint } from './fingerprint';
import { DEFAULT_MIN_CONFIDENCE } from './gate';
import type { DroppedFinding, ReviewFinding } from './types';

/** The diff path a model meant: exact, or with a stray ./, a/, b/ or absolute root prefix. */
export function matchPath(given: string, files: ReadonlyMap<string, DiffFile>, root?: string): string | undefined {
  let p = given.trim().replace(/\\/g, '/');
  if (root && path.isAbsolute(p)) {
    const rel = toWorkspacePath(root, p);
    if (rel === undefined) return undefined;
    p = rel;
  }
  p = p.replace(/^\.\//, '');
  if (files.has(p)) return p;
  const stripped = p.replace(/^[ab]\//, '');
  return files.has(stripped) ? stripped : undefined;
}

const overlaps = (a: LineRange, b: LineRange) => a.start <= b.end && b.start <= a.end;
const normTitle = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export function filterFindings(
  findings: readonly ReviewFinding[],
  files: readonly DiffFile[],
  options: { minConfidence?: number; root?: string; dismissed?: ReadonlySet<string> } = {},
): { kept: ReviewFinding[]; dropped: DroppedFinding[] } {
  const byPath = new Map(files.map((f) => [f.path, f] as const));
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const dropped: DroppedFinding[] = [];
  const inside: ReviewFinding[] = [];
  for (const raw of findings) {
    const start = Math.min(raw.startLine, raw.endLine);
    const finding = { ...raw, startLine: start, endLine: Math.max(raw.startLine, raw.endLine) };
    const p = matchPath(finding.path, byPath, options.root);
    const file = p === undefined ? undefined : byPath.get(p);
    const range = { start: finding.startLine, end: finding.endLine };
    if (!file || !file.ranges.some((r) => overlaps(r, range))) {
      dropped.push({ finding, reason: 'outside the diff' });
      continue;
    }
    const located = { ...finding, path: file.path, fingerprint: findingFingerprint(file, finding.startLine, finding.endLine) };
    if (finding.confidence < min) {
      dropped.push({ finding: located, reason: 'low confidence' });
      continue;
    }
    if (options.dismissed?.has(located.fingerprint)) {
      dropped.push({ finding: located, reason: 'dismissed' });
      continue;
    }
    inside.push(located);
  }
  // most urgent, then most confident first, so a duplicate always loses to the better one
  inside.sort((a, b) => a.priority - b.priority || b.confidence - a.confidence);
  const kept: ReviewFinding[] = [];
  for (const f of inside) {
    const dup = kept.some(
      (k) =>
        k.path === f.path &&
        overlaps({ start: k.startLine, end: k.endLine }, { start: f.startLine, end: f.endLine }) &&
        (k.startLine === f.startLine || normTitle(k.title) === normTitle(f.title)),
    );
    if (dup) dropped.push({ finding: f, reason: 'duplicate' });
    else kept.push(f);
  }
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine));
  return { kept, dropped };
}
