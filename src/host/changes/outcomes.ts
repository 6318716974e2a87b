// What the user is told after Apply / Reject from the editor. Pure; unit-tested.
// Localized with @vscode/l10n (the host loads VS Code's bundle into it at activation):
// whole sentences, one per count form, so a translation never glues fragments.
import * as l10n from '@vscode/l10n';
import type { ApplyOutcome } from '../../core/index';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Status bar text, or undefined when nothing is pending. */
export function pendingLabel(files: number): string | undefined {
  if (files <= 0) return undefined;
  return files === 1 ? l10n.t('Tandem: 1 file pending') : l10n.t('Tandem: {0} files pending', files);
}

export interface OutcomeSummary {
  /** One line for an information message. */
  message: string;
  /** Files left pending because they could not be applied, with why. */
  conflicts: { path: string; detail: string }[];
  /** Protected files a bulk apply left staged: each applies only on its own (per-file Apply). */
  held: { path: string; reason: string }[];
}

export function summarizeOutcomes(outcomes: readonly ApplyOutcome[]): OutcomeSummary {
  const conflicts = outcomes.flatMap((o) => (o.status === 'conflict' ? [{ path: o.path, detail: o.detail }] : []));
  const applied = outcomes.filter((o) => o.status === 'applied');
  const rejected = outcomes.filter((o) => o.status === 'rejected');
  const merged = applied.filter((o) => o.status === 'applied' && o.merged).length;
  const held = outcomes.flatMap((o) => (o.status === 'held' ? [{ path: o.path, reason: o.reason }] : []));
  const parts: string[] = [];
  if (applied.length) {
    const files = applied.length === 1 ? l10n.t('applied 1 file') : l10n.t('applied {0} files', applied.length);
    parts.push(merged ? l10n.t('{0} ({1} merged with your edits)', files, merged) : files);
  }
  if (rejected.length) parts.push(rejected.length === 1 ? l10n.t('discarded 1 file') : l10n.t('discarded {0} files', rejected.length));
  if (conflicts.length) {
    parts.push(conflicts.length === 1 ? l10n.t('1 file not applied (conflict), still pending') : l10n.t('{0} files not applied (conflict), still pending', conflicts.length));
  }
  if (held.length) {
    const paths = held.map((h) => h.path).join(', ');
    parts.push(held.length === 1
      ? l10n.t('1 protected file left pending ({0}): apply it on its own', paths)
      : l10n.t('{0} protected files left pending ({1}): apply each on its own', held.length, paths));
  }
  const message = parts.length ? l10n.t('Tandem: {0}.', parts.join('; ')) : l10n.t('Tandem: nothing was pending.');
  return { message, conflicts, held };
}

/** The message for a conflict: what happened and that nothing was overwritten. */
export function conflictMessage(path: string, detail: string): string {
  return l10n.t('Tandem could not apply {0}: {1}. Nothing was overwritten; the change stays pending. Open the diff to review it, or edit the staged version.', path, detail);
}

export function hunkOutcomeMessage(o: ApplyOutcome): string {
  switch (o.status) {
    case 'applied':
      if (o.hunksApplied === o.hunksTotal) return o.merged ? l10n.t('Applied the change in {0}, merged with your edits.', o.path) : l10n.t('Applied the change in {0}.', o.path);
      return o.merged
        ? l10n.t('Applied {0} of {1} hunks in {2}, merged with your edits.', o.hunksApplied, o.hunksTotal, o.path)
        : l10n.t('Applied {0} of {1} hunks in {2}.', o.hunksApplied, o.hunksTotal, o.path);
    case 'rejected':
      return rejectedMessage(o.hunksRejected, o.path);
    case 'conflict':
      return conflictMessage(o.path, o.detail);
    case 'held':
      return heldMessage(o.path, o.reason);
  }
}

/** "Rejected 1 hunk in a.ts." / "Rejected 3 hunks in a.ts." */
export function rejectedMessage(hunks: number, path: string): string {
  return hunks === 1 ? l10n.t('Rejected 1 hunk in {0}.', path) : l10n.t('Rejected {0} hunks in {1}.', hunks, path);
}

/** A protected change a bulk apply left staged. The reason is the core's (English) policy reason. */
export function heldMessage(path: string, reason: string): string {
  return l10n.t('{0} is protected ({1}): it was left pending; apply it on its own after reviewing it.', path, reason);
}
