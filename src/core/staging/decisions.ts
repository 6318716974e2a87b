// Sentences reporting the user's review decisions to the agent (ReviewDecisionItem).
// They speak about "the user" because the agent reads them; ApplyOutcome.detail is
// shown to the user and says "your".
import type { Entry } from './store';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function withReason(text: string, reason?: string): string {
  const r = reason?.trim();
  return r ? `${text} (reason: ${r})` : text;
}

/** "(1 applied and 2 rejected earlier)", or '' when nothing of the entry was decided yet. */
function earlier(entry: Entry): string {
  const d = entry.decided;
  if (!d || d.applied + d.rejected === 0) return '';
  const parts = [d.applied && `${d.applied} applied`, d.rejected && `${d.rejected} rejected`].filter(Boolean);
  return ` (${parts.join(' and ')} earlier)`;
}

/**
 * `entry` as it was before this decision (its `decided` counts); `applied` of `total`
 * hunks shown now. Once part of an entry was decided, the rest is "the remaining" hunks.
 */
export function appliedSentence(
  path: string,
  entry: Entry,
  applied: number,
  total: number,
  merged: boolean,
): string {
  const suffix = merged ? ', merged with the user\'s own edits' : '';
  const before = earlier(entry);
  switch (entry.kind) {
    case 'delete':
      return `applied the deletion of ${path}${suffix}`;
    case 'rename':
      return `applied the rename of ${entry.from} to ${path}${suffix}`;
    case 'add':
      return `applied the new file ${path}${suffix}`;
    default:
      if (total > 0 && applied < total) {
        return `applied ${applied} of ${before ? 'the remaining ' : ''}${plural(total, 'hunk')} in ${path}${suffix}${before}; the rest stay staged`;
      }
      if (before && total > 0) return `applied the remaining ${plural(total, 'hunk')} in ${path}${suffix}${before}`;
      return `applied ${path}${total > 1 ? ` (all ${total} hunks)` : ''}${suffix}${before}`;
  }
}

/** `entry` as it was before this decision; `hunks` rejected now, or 'all' (`total` of them). */
export function rejectedSentence(path: string, entry: Entry, hunks: number | 'all', total: number, reason?: string): string {
  if (hunks !== 'all') return withReason(`rejected ${plural(hunks, 'hunk')} in ${path}`, reason);
  const before = earlier(entry);
  if (entry.kind === 'rename') return withReason(`rejected the rename of ${entry.from} to ${path} entirely${before}`, reason);
  if (entry.kind === 'delete') return withReason(`rejected the deletion of ${path} entirely`, reason);
  if (before) return withReason(`rejected ${total > 0 ? `the remaining ${plural(total, 'hunk')} in` : 'what remained staged of'} ${path}${before}`, reason);
  return withReason(`rejected ${path} entirely`, reason);
}

/** Conflict detail for the user ("your edits") and the matching sentence for the agent. */
export function conflictTexts(path: string, detail: string): { detail: string; sentence: string } {
  return { detail, sentence: `${path} not applied: ${detail.replace(/\byour\b/g, "the user's").replace(/\byou\b/g, 'the user')}` };
}

/** The user undid a turn (`label`, e.g. 'turn 2 ("Rename add")'): its staged changes are gone. */
export function undoneSentence(label: string, paths: string[], applied: string[]): string {
  const what = paths.length ? `; staged files affected: ${paths.join(', ')}` : '; the staged files were already as they were then';
  const kept = applied.length ? `. Changes already applied to the user's files are kept for now (${applied.join(', ')})` : '';
  return `undid ${label} and everything after it: the staged changes are back to how they were before it${what}${kept}`;
}

/** The user reverted applied changes of a turn in their own files. */
export function revertedSentence(label: string, outcomes: { path: string; status: 'reverted' | 'conflict'; detail?: string }[]): string {
  const reverted = outcomes.filter((o) => o.status === 'reverted').map((o) => o.path);
  const parts: string[] = [];
  if (reverted.length) parts.push(`reverted the applied changes of ${label} in the user's files (${reverted.join(', ')}); what ${label} staged for them is staged again`);
  for (const o of outcomes) if (o.status === 'conflict') parts.push(conflictTexts(o.path, `could not revert ${o.path}: ${o.detail ?? 'conflict'}`).sentence);
  return parts.join('; ') || `nothing of ${label} was applied, so nothing was reverted`;
}
