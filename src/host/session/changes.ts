// Staged changes as the webview shows them.
import * as l10n from '@vscode/l10n';
import type { ChangeOutcome, ChangedFileSummary, ChangesResult } from '../../protocol/messages';
import { heldMessage, rejectedMessage } from '../changes/outcomes';
import type { ApplyOutcome, Hunk, StagedChange } from '../../core/index';

export function hunkHeader(h: Pick<Hunk, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>): string {
  return `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}

export function summarizeChange(c: StagedChange): ChangedFileSummary {
  return {
    path: c.path,
    kind: c.kind,
    ...(c.from !== undefined ? { from: c.from } : {}),
    added: c.added,
    removed: c.removed,
    stale: c.stale,
    binary: c.binary,
    ...(c.protected !== undefined ? { protected: c.protected } : {}),
    // attribution only matters once a subagent is involved
    ...(c.agents && c.agents.some((a) => a !== 'main') ? { agents: c.agents } : {}),
    ...(c.conflict ? { conflict: c.conflict } : {}),
    hunks: c.hunks.map((h) => ({ id: h.id, header: hunkHeader(h), lines: h.lines, ...(h.oldNoNewlineAtEnd ? { oldNoNewlineAtEnd: true } : {}), ...(h.newNoNewlineAtEnd ? { newNoNewlineAtEnd: true } : {}) })),
  };
}

/**
 * The result of changes/apply or changes/reject: without a path every staged file
 * (`all`, `nothing` when there was none), with one a file (optionally some of its hunks,
 * `one`), whose conflict is an error.
 */
export async function changesResult(
  params: { path?: string; hunkIds?: string[] },
  all: () => Promise<ApplyOutcome[]>,
  one: (path: string) => Promise<ApplyOutcome>,
  nothing: string,
): Promise<ChangesResult> {
  if (params.path === undefined) {
    if (params.hunkIds) throw new Error(l10n.t('Hunks need a path.'));
    const outcomes = await all();
    return { ok: true, message: outcomes.map(describeOutcome).join('\n') || nothing, outcomes: outcomes.map(outcomeView) };
  }
  const outcome = await one(params.path);
  if (outcome.status === 'conflict') throw new Error(describeOutcome(outcome));
  return { ok: true, message: describeOutcome(outcome), outcomes: [outcomeView(outcome)] };
}

/** The structured form of an outcome for changes/apply and changes/reject results. */
function outcomeView(o: ApplyOutcome): ChangeOutcome {
  if (o.status === 'conflict') return { path: o.path, status: 'conflict', detail: o.detail };
  if (o.status === 'held') return { path: o.path, status: 'held', detail: heldMessage(o.path, o.reason) };
  if (o.status === 'rejected') return { path: o.path, status: 'rejected', ...(o.reason ? { detail: o.reason } : {}) };
  return { path: o.path, status: 'applied' };
}

/** One line per outcome, for the `message` of changes/apply and changes/reject. */
function describeOutcome(o: ApplyOutcome): string {
  switch (o.status) {
    case 'applied':
      return o.merged
        ? l10n.t('Applied {0} ({1} of {2} hunks, merged with your edits).', o.path, o.hunksApplied, o.hunksTotal)
        : l10n.t('Applied {0} ({1} of {2} hunks).', o.path, o.hunksApplied, o.hunksTotal);
    case 'rejected':
      return rejectedMessage(o.hunksRejected, o.path);
    case 'conflict':
      return l10n.t('Not applied: {0} ({1}).', o.path, o.detail);
    case 'held':
      return l10n.t('Not applied: {0}', heldMessage(o.path, o.reason));
  }
}
