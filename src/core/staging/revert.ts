// "Revert applied changes": writes back, through the Workspace (VS Code: WorkspaceEdit),
// what the user's files held before applies made since a checkpoint, newest apply
// first. The same three-way safety as applying: the revert is merged onto the file as it
// is now (base = what the apply wrote), so the user's later edits elsewhere are kept and
// edits to the same lines are a conflict; every write carries `expected`, so a file
// changing under us is a conflict too, never an overwrite.
import { WorkspaceConflictError, type WorkspaceFileEdit } from '../workspace/types';
import { asText, bytesEqual, encodeUtf8 } from '../util/text';
import { merge3, describeLines } from './hunks';
import type { AppliedRecord } from './store';
import type { MutationContext } from './mutations';
import type { ContentStore } from '../util/contentStore';

export interface RevertOutcome {
  path: string;
  status: 'reverted' | 'conflict';
  /** Why it could not be reverted (for the user: "your edits"). */
  detail?: string;
}

type Step = { ok: true } | { ok: false; detail: string };

/**
 * Reverts `records` (oldest first, as journaled) newest first. A path whose revert
 * conflicts keeps its older records unreverted (they build on the newer one). Marks the
 * records it reverted; returns one outcome per path.
 */
export async function revertRecords(ctx: MutationContext, objects: ContentStore, records: AppliedRecord[]): Promise<RevertOutcome[]> {
  const failed = new Map<string, string>();
  const done = new Set<string>();
  for (const r of [...records].reverse()) {
    const key = r.path;
    if (failed.has(key)) continue;
    const step = await revertOne(ctx, objects, r);
    if (step.ok) {
      r.reverted = true;
      done.add(key);
      // a rename's older applies are journaled under its old path
      if (r.from && failed.has(r.from)) failed.delete(r.from);
    } else failed.set(key, step.detail);
  }
  const out: RevertOutcome[] = [];
  for (const p of [...new Set([...done, ...failed.keys()])].sort()) {
    const detail = failed.get(p);
    out.push(detail === undefined ? { path: p, status: 'reverted' } : { path: p, status: 'conflict', detail });
  }
  return out;
}

async function revertOne(ctx: MutationContext, objects: ContentStore, r: AppliedRecord): Promise<Step> {
  const before = r.before === null ? undefined : await objects.read(r.before);
  const after = r.after === null ? undefined : await objects.read(r.after);
  const now = await ctx.workspace.readFile(r.path);
  let edit: WorkspaceFileEdit;
  if (after === undefined) {
    // the apply deleted r.path: bring it back unless something is there again
    if (now !== undefined) return { ok: false, detail: `${r.path} exists again in your workspace` };
    if (before === undefined) return { ok: true };
    edit = { type: 'write', path: r.path, content: before, expected: undefined };
  } else if (before === undefined) {
    // the apply added the file: remove it, unless the user changed it since
    if (now === undefined) return { ok: true }; // already gone
    if (!bytesEqual(now, after)) return { ok: false, detail: 'you edited this new file after it was applied; delete it yourself if you no longer want it' };
    edit = { type: 'delete', path: r.path, expected: now };
  } else {
    if (now === undefined) return { ok: false, detail: `${r.path} is no longer in your workspace` };
    const merged = mergeBack(now, after, before);
    if (!merged.ok) return merged;
    edit = r.from
      ? { type: 'rename', from: r.path, to: r.from, content: merged.content, expected: now }
      : { type: 'write', path: r.path, content: merged.content, expected: now };
  }
  try {
    await ctx.workspace.applyEdits([edit]);
  } catch (err) {
    if (err instanceof WorkspaceConflictError) return { ok: false, detail: `it changed in your workspace while reverting (${err.message}); try again` };
    throw err;
  }
  return { ok: true };
}

/** `now` with the change after -> before applied, three-way (base: `after`). */
function mergeBack(now: Uint8Array, after: Uint8Array, before: Uint8Array): { ok: true; content: Uint8Array } | { ok: false; detail: string } {
  if (bytesEqual(now, after)) return { ok: true, content: before };
  const [n, a, b] = [now, after, before].map(asText);
  if (n === undefined || a === undefined || b === undefined) return { ok: false, detail: 'you changed this binary file after it was applied' };
  const m = merge3(n, a, b);
  if (!m.clean) return { ok: false, detail: `conflict with your edits at ${describeLines(m.conflicts)}` };
  return { ok: true, content: encodeUtf8(m.text) };
}
