// Review of one staged entry: its diff against the workspace as it is now, and applying
// or rejecting it whole or hunk by hunk. Invariants:
// - every workspace write carries `expected` = the bytes we computed against, so a
//   concurrent user edit is a WorkspaceConflictError (retried once by merging), never
//   a silent overwrite;
// - when the workspace changed since staging ("stale"), the agent's change is merged
//   three-way (base = workspace at staging) and overlaps are conflicts: nothing written.
import { WorkspaceConflictError, type WorkspaceFileEdit } from '../workspace/types';
import { asText, bytesEqual, encodeUtf8 } from '../util/text';
import type { ApplyOutcome, StagedChange } from './types';
import { applyHunks, computeHunks, countChanges, describeLines, merge3, publicHunk, type HunkInfo } from './hunks';
import type { Entry } from './store';
import type { MutationContext } from './mutations';
import { appliedSentence, conflictTexts, rejectedSentence } from './decisions';
import { hasConflictMarkers } from './conflictMarkers';

export interface FileState {
  path: string;
  entry: Entry;
  /** Where the change's old side lives in the workspace (the source path for renames). */
  wsPath: string;
  ws?: Uint8Array;
  staged?: Uint8Array;
  stale: boolean;
  binary: boolean;
  wsText: string;
  baseText: string;
  /** What applying everything would leave: staged, or merged with the user's edits when stale. */
  newText: string;
  /** Stale and the three-way merge does not resolve (or cannot be attempted). */
  unmergeable: boolean;
  hunks: HunkInfo[];
}

export async function fileState(ctx: MutationContext, path: string, entry: Entry): Promise<FileState> {
  const wsPath = entry.kind === 'rename' ? entry.from! : path;
  const [ws, base, staged] = await Promise.all([
    ctx.workspace.readFile(wsPath),
    ctx.store.readBase(entry.base),
    entry.kind === 'delete' ? Promise.resolve(undefined) : ctx.store.readLayer(path),
  ]);
  const stale = !bytesEqual(ws, base);
  const texts = [ws, base, staged].map((b) => (b === undefined ? '' : asText(b)));
  const st: FileState = {
    path, entry, wsPath, ws, staged, stale,
    binary: texts.some((t) => t === undefined),
    wsText: texts[0] ?? '', baseText: texts[1] ?? '', newText: texts[2] ?? '',
    unmergeable: false,
    hunks: [],
  };
  if (st.binary) {
    st.unmergeable = stale;
    return st;
  }
  if (stale && entry.kind !== 'delete') {
    if (ws === undefined && entry.kind !== 'add') st.unmergeable = true;
    else {
      // Show what would really land: the agent's change on top of the user's edits,
      // not a diff that reverts them.
      const m = merge3(st.wsText, st.baseText, st.newText);
      if (m.clean) st.newText = m.text;
      else st.unmergeable = true;
    }
  }
  st.hunks = computeHunks(st.wsText, st.newText);
  return st;
}

/** `label`: why the change is protected (the staging area's check), if it is. */
export function toStagedChange(st: FileState, label?: string): StagedChange {
  const hunks = st.binary ? [] : st.hunks.map(publicHunk);
  const change: StagedChange = {
    path: st.path,
    kind: st.entry.kind,
    binary: st.binary,
    ...countChanges(hunks),
    hunks,
    stale: st.stale,
  };
  if (st.entry.kind === 'rename') change.from = st.entry.from;
  if (label) change.protected = label;
  if (st.entry.agents?.length) change.agents = [...st.entry.agents];
  const c = st.entry.conflict;
  if (c && (c.kind === 'kept' || hasConflictMarkers(st.newText))) change.conflict = { kind: c.kind, agents: [...c.agents], detail: c.detail };
  return change;
}

export interface Decided {
  outcome: ApplyOutcome;
  sentence: string;
  /** What apply wrote to the workspace (for the apply journal); absent when nothing was written. */
  written?: Written;
}

/** The workspace file before and after an apply (undefined: no file). */
export interface Written {
  before: Uint8Array | undefined;
  after: Uint8Array | undefined;
}

function conflict(path: string, detail: string): Decided {
  const t = conflictTexts(path, detail);
  return { outcome: { path, status: 'conflict', detail: t.detail }, sentence: t.sentence };
}

function selectHunks(st: FileState, hunkIds: string[] | undefined): Set<string> {
  if (!hunkIds) return new Set(st.hunks.map((h) => h.id));
  const known = new Set(st.hunks.map((h) => h.id));
  const unknown = hunkIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new Error(`${st.path} has no hunk ${unknown.join(', ')} (the change was updated; review it again).`);
  }
  return new Set(hunkIds);
}

function makeEdit(st: FileState, content: Uint8Array, expected: Uint8Array | undefined): WorkspaceFileEdit {
  if (st.entry.kind === 'delete') return { type: 'delete', path: st.path, expected: expected! };
  if (st.entry.kind === 'rename') return { type: 'rename', from: st.wsPath, to: st.path, content, expected: expected! };
  return { type: 'write', path: st.path, content, expected };
}

function staleDetail(st: FileState): string {
  if (st.entry.kind === 'delete') return 'you changed the file after the agent deleted it';
  if (st.ws === undefined) return `${st.wsPath} was deleted or moved in your workspace`;
  return 'the file changed in your workspace and this binary file cannot be merged';
}

/** Applies an entry whole, or only `hunkIds` (modified text files only). */
export async function applyEntry(ctx: MutationContext, path: string, hunkIds?: string[]): Promise<Decided> {
  const entry = ctx.store.entries.get(path);
  if (!entry) throw new Error(`Nothing is staged for ${path}.`);
  const st = await fileState(ctx, path, entry);
  const partialAllowed = entry.kind === 'modify' && !st.binary;
  const chosen = partialAllowed ? selectHunks(st, hunkIds) : new Set(st.hunks.map((h) => h.id));
  const whole = chosen.size === st.hunks.length;
  const total = st.hunks.length;
  let merged = st.stale && entry.kind !== 'delete';
  let retried = false;

  let content: Uint8Array | undefined; // undefined: delete
  if (entry.kind === 'delete') {
    if (st.ws !== undefined && st.stale) return conflict(path, staleDetail(st));
  } else if (st.binary || (st.ws === undefined && entry.kind !== 'add')) {
    if (st.stale) return conflict(path, staleDetail(st));
    content = st.staged!;
  } else {
    let text = whole ? st.newText : applyHunks(st.wsText, st.newText, st.hunks, chosen);
    // two agents' versions between conflict markers: never written to the user's file
    if (entry.conflict?.kind === 'markers' && hasConflictMarkers(text) && !hasConflictMarkers(st.wsText)) {
      return conflict(path, `${entry.conflict.detail}; resolve the conflict markers first (edit the staged version, or ask the agent)`);
    }
    if (st.unmergeable) {
      // The hunks are workspace -> staged and may revert the user's edits; merging the
      // chosen ones against the base keeps those edits and finds real overlaps.
      const m = merge3(st.wsText, st.baseText, text);
      if (!m.clean) return conflict(path, `conflict with your edits at ${describeLines(m.conflicts)}`);
      text = m.text;
    }
    content = encodeUtf8(text);
  }

  const noop = entry.kind === 'delete' ? st.ws === undefined : entry.kind !== 'rename' && bytesEqual(st.ws, content);
  let written: Written | undefined;
  if (!noop) {
    try {
      await ctx.workspace.applyEdits([makeEdit(st, content!, st.ws)]);
      written = { before: st.ws, after: content };
    } catch (err) {
      if (!(err instanceof WorkspaceConflictError)) throw err;
      const retry = await retryMerged(ctx, st, content, err);
      if (retry.conflict) return retry.conflict;
      written = retry.written;
      merged = retried = true;
    }
  }

  if (whole) await ctx.store.dropEntry(path);
  else if (!retried && !st.unmergeable) {
    // Rebase: the workspace now holds exactly ws + chosen hunks, and newText (the staged
    // file, or the merge already including the user's edits) holds them all, so the
    // remaining hunks are a plain diff from now on, with no second merge to go wrong.
    const old = entry.base;
    entry.base = await ctx.store.putBase(content);
    await ctx.store.dropBase(old);
    if (st.stale) await ctx.store.writeLayer(path, encodeUtf8(st.newText));
  }
  // Otherwise base and staged stay: the next apply merges against the same base, and
  // the hunks just applied are identical on both sides, so they merge away.
  const applied = whole ? total : chosen.size;
  const sentence = appliedSentence(path, entry, applied, total, merged);
  if (!whole) entry.decided = { applied: (entry.decided?.applied ?? 0) + applied, rejected: entry.decided?.rejected ?? 0 };
  return {
    outcome: { path, status: 'applied', hunksApplied: applied, hunksTotal: total, ...(merged ? { merged: true } : {}) },
    sentence,
    ...(written ? { written } : {}),
  };
}

/**
 * The workspace changed between our read and the write: re-read it and merge our
 * result onto it once. Returns a conflict outcome, or what was written (nothing when
 * the content was already there).
 */
async function retryMerged(
  ctx: MutationContext,
  st: FileState,
  content: Uint8Array | undefined,
  err: WorkspaceConflictError,
): Promise<{ conflict?: Decided; written?: Written }> {
  const now = await ctx.workspace.readFile(st.wsPath);
  if (bytesEqual(now, st.ws)) return { conflict: conflict(st.path, err.message) }; // not about content (e.g. rename target exists)
  if (st.entry.kind !== 'rename' && bytesEqual(now, content)) return {}; // already there
  const nowText = now === undefined ? undefined : asText(now);
  const ours = content === undefined ? undefined : asText(content);
  if (st.binary || now === undefined || nowText === undefined || ours === undefined) {
    return { conflict: conflict(st.path, 'the file changed in your workspace while applying') };
  }
  const m = merge3(nowText, st.wsText, ours);
  if (!m.clean) return { conflict: conflict(st.path, `conflict with your edits at ${describeLines(m.conflicts)}`) };
  const merged = encodeUtf8(m.text);
  try {
    await ctx.workspace.applyEdits([makeEdit(st, merged, now)]);
  } catch (again) {
    if (again instanceof WorkspaceConflictError) return { conflict: conflict(st.path, 'the file keeps changing in your workspace; try again') };
    throw again;
  }
  return { written: { before: now, after: merged } };
}

/** Rejects an entry whole, or only `hunkIds` (text modifications and renames). */
export async function rejectEntry(ctx: MutationContext, path: string, hunkIds?: string[], reason?: string): Promise<Decided> {
  const entry = ctx.store.entries.get(path);
  if (!entry) throw new Error(`Nothing is staged for ${path}.`);
  const st = await fileState(ctx, path, entry);
  const partialAllowed = (entry.kind === 'modify' || entry.kind === 'rename') && !st.binary;
  const chosen = hunkIds && partialAllowed ? selectHunks(st, hunkIds) : undefined;
  if (!chosen || chosen.size === st.hunks.length) {
    await ctx.store.dropEntry(path);
    return {
      outcome: { path, status: 'rejected', hunksRejected: st.hunks.length, ...(reason ? { reason } : {}) },
      sentence: rejectedSentence(path, entry, 'all', st.hunks.length, reason),
    };
  }
  const keep = new Set(st.hunks.filter((h) => !chosen.has(h.id)).map((h) => h.id));
  const next = applyHunks(st.wsText, st.newText, st.hunks, keep);
  if (st.stale && !st.unmergeable) {
    // newText already holds the user's edits, so the kept hunks are relative to the
    // workspace now: rebase onto it.
    const old = entry.base;
    entry.base = await ctx.store.putBase(st.ws);
    await ctx.store.dropBase(old);
  }
  // When unmergeable the base stays: regions the user rejected now equal the user's
  // version (merging cleanly), and the others still merge against the original base.
  if (entry.kind === 'modify' && st.ws !== undefined && next === st.wsText) await ctx.store.dropEntry(path);
  else await ctx.store.writeLayer(path, encodeUtf8(next));
  entry.decided = { applied: entry.decided?.applied ?? 0, rejected: (entry.decided?.rejected ?? 0) + chosen.size };
  return {
    outcome: { path, status: 'rejected', hunksRejected: chosen.size, ...(reason ? { reason } : {}) },
    sentence: rejectedSentence(path, entry, chosen.size, st.hunks.length, reason),
  };
}
