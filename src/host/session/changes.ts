// Staged changes as the webview shows them.
import type { StagedChange, Hunk } from '../../core/staging/types';
import type { ChangedFileSummary } from '../../protocol/messages';

export function hunkHeader(h: Hunk): string {
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
    hunks: c.hunks.map((h) => ({ id: h.id, header: hunkHeader(h), lines: h.lines, ...(h.oldNoNewlineAtEnd ? { oldNoNewlineAtEnd: true } : {}), ...(h.newNoNewlineAtEnd ? { newNoNewlineAtEnd: true } : {}) })),
  };
}

/** The structured form of an outcome for changes/apply and changes/reject results. */
export function outcomeView(o: import('../../core/staging/types').ApplyOutcome): import('../../protocol/messages').ChangeOutcome {
  if (o.status === 'conflict') return { path: o.path, status: 'conflict', detail: o.detail };
  if (o.status === 'rejected') return { path: o.path, status: 'rejected', ...(o.reason ? { detail: o.reason } : {}) };
  return { path: o.path, status: 'applied' };
}

/** One line per outcome, for the `message` of changes/apply and changes/reject. */
export function describeOutcome(o: import('../../core/staging/types').ApplyOutcome): string {
  switch (o.status) {
    case 'applied':
      return `Applied ${o.path} (${o.hunksApplied} of ${o.hunksTotal} hunks${o.merged ? ', merged with your edits' : ''}).`;
    case 'rejected':
      return `Rejected ${o.hunksRejected} hunk${o.hunksRejected === 1 ? '' : 's'} in ${o.path}.`;
    case 'conflict':
      return `Not applied: ${o.path} (${o.detail}).`;
  }
}
