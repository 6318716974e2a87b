import type { ApplyOutcome } from '../../core/index';
// What the user is told after Apply / Reject from the editor. Pure; unit-tested.

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Status bar text, or undefined when nothing is pending. */
export function pendingLabel(files: number): string | undefined {
  return files > 0 ? `Tandem: ${plural(files, 'file')} pending` : undefined;
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
  if (applied.length) parts.push(`applied ${plural(applied.length, 'file')}${merged ? ` (${merged} merged with your edits)` : ''}`);
  if (rejected.length) parts.push(`discarded ${plural(rejected.length, 'file')}`);
  if (conflicts.length) parts.push(`${plural(conflicts.length, 'file')} not applied (conflict), still pending`);
  if (held.length) parts.push(`${plural(held.length, 'protected file')} left pending (${held.map((h) => h.path).join(', ')}): apply each on its own`);
  const message = parts.length ? `Tandem: ${parts.join('; ')}.` : 'Tandem: nothing was pending.';
  return { message, conflicts, held };
}

/** The message for a conflict: what happened and that nothing was overwritten. */
export function conflictMessage(path: string, detail: string): string {
  return `Tandem could not apply ${path}: ${detail}. Nothing was overwritten; the change stays pending. Open the diff to review it, or edit the staged version.`;
}

export function hunkOutcomeMessage(o: ApplyOutcome): string {
  switch (o.status) {
    case 'applied':
      return `Applied ${o.hunksApplied === o.hunksTotal ? 'the change' : `${o.hunksApplied} of ${plural(o.hunksTotal, 'hunk')}`} in ${o.path}${o.merged ? ', merged with your edits' : ''}.`;
    case 'rejected':
      return `Rejected ${plural(o.hunksRejected, 'hunk')} in ${o.path}.`;
    case 'conflict':
      return conflictMessage(o.path, o.detail);
    case 'held':
      return heldMessage(o.path, o.reason);
  }
}

/** A protected change a bulk apply left staged. */
export function heldMessage(path: string, reason: string): string {
  return `${path} is protected (${reason}): it was left pending; apply it on its own after reviewing it.`;
}
