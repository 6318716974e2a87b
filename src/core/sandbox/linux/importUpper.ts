// After a sandboxed command: bring what it changed into the staging area, the one source
// of truth. Three steps, each linear in what the command wrote:
//  1. scan the upper dir and the merged listing into a plan (upperScan.ts); entries that
//     cannot be staged are skipped with a reason, never abort the rest;
//  2. check the per-command caps (files, bytes): beyond them the user is asked, and with
//     no one to ask (or a no) nothing is staged;
//  3. pair removed and created files into renames (../renames.ts) and stage everything
//     in one batch (one manifest write), stopping when the signal aborts.
// The notes say, in sentences for the model and the user, what was not staged and why.
import type { ImportSummary } from '../../shell/types';
import type { StageOp, StagingArea } from '../../staging/types';
import { findRenames } from '../renames';
import { mb } from '../../util/text';
import { ScanStopped, scanUpper, type UpperPlan } from './upperScan';

export interface ImportLimits {
  maxFiles: number;
  maxBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxFiles: 10_000, maxBytes: 100 * 1024 * 1024 };

export interface ImportOptions {
  upper: string;
  listing: Map<string, Set<string>>;
  staging: StagingArea;
  workspaceRoot: string;
  /** Why staging a path is refused outright (git internals); skipped without descending. */
  refused: (rel: string) => string | undefined;
  limits: ImportLimits;
  /** Asked beyond the limits; absent or false: nothing is staged. */
  confirm?: (summary: ImportSummary) => Promise<boolean>;
  signal?: AbortSignal;
}

export interface ImportResult {
  /** Paths whose staged state changed. */
  paths: string[];
  notes: string[];
}

const LISTED = 5;

export async function importUpper(o: ImportOptions): Promise<ImportResult> {
  let plan: UpperPlan;
  try {
    plan = await scanUpper({ ...o, roots: [o.workspaceRoot, o.staging.layerDir] });
  } catch (err) {
    if (err instanceof ScanStopped) return { paths: [], notes: ['The import was interrupted: nothing the command wrote was staged.'] };
    throw err;
  }
  const notes = groupNotes(plan.skipped.map((s) => ({ path: s.rel, why: s.reason })));
  const summary: ImportSummary = {
    files: plan.writes.length + plan.deletes.length,
    bytes: plan.writes.reduce((n, w) => n + w.size, 0),
    maxFiles: o.limits.maxFiles,
    maxBytes: o.limits.maxBytes,
  };
  if (summary.files > summary.maxFiles || summary.bytes > summary.maxBytes) {
    const allowed = o.confirm ? await o.confirm(summary).catch(() => false) : false;
    if (!allowed) {
      const who = o.confirm ? 'the user did not agree to stage them' : 'no one could be asked to agree';
      notes.unshift(`${describeSize(summary)} the command wrote were not staged: that is more than the per-command limit (${limitText(summary)}) and ${who}.`);
      return { paths: [], notes };
    }
  }
  const paired = await findRenames(plan.writes, plan.deletes, o.staging);
  const ops: StageOp[] = [
    ...paired.renames.map((r) => ({ type: 'rename' as const, ...r })),
    ...paired.deletes.map((path) => ({ type: 'delete' as const, path })),
    ...paired.writes.map((w) => ({ type: 'copy' as const, path: w.rel, source: w.abs, size: w.size })),
  ];
  const staged = await o.staging.stageBatch(ops, { signal: o.signal });
  notes.push(...groupNotes(staged.failed.map((f) => ({ path: f.path, why: f.error }))));
  if (staged.stopped) notes.unshift(`The import was interrupted: ${staged.changed.length} of ${ops.length} changes were staged, the rest were not.`);
  return { paths: [...new Set(staged.changed)].sort(), notes };
}

/** One sentence per reason, naming the first few paths. */
function groupNotes(items: { path: string; why: string }[]): string[] {
  const byWhy = new Map<string, string[]>();
  for (const i of items) {
    const list = byWhy.get(i.why);
    if (list) list.push(i.path);
    else byWhy.set(i.why, [i.path]);
  }
  return [...byWhy].map(([why, paths]) => {
    const shown = paths.slice(0, LISTED).map(clip).join(', ');
    const more = paths.length > LISTED ? ` and ${paths.length - LISTED} more` : '';
    return `${shown}${more}: not staged, ${why}.`;
  });
}

/** Very long paths (the PATH_MAX case) shown by their ends. */
function clip(p: string): string {
  return p.length <= 160 ? p : `${p.slice(0, 60)}…${p.slice(-60)}`;
}

function describeSize(s: ImportSummary): string {
  return `${s.files} ${s.files === 1 ? 'file' : 'files'} (${mb(s.bytes)})`;
}

function limitText(s: ImportSummary): string {
  return `${s.maxFiles.toLocaleString('en-US')} files, ${mb(s.maxBytes)}`;
}
