// What the webview shows of the host's code reviews (src/protocol/review.ts), as pure
// selectors over the store: the background review's findings per staged hunk (the
// Changes area) and the `/review` runs placed in the conversation.
import type { ReviewRunView, ShownFinding } from '../../src/protocol';

/** The background review of the open session's staged changes, if any. */
export function stagedReview(reviews: readonly ReviewRunView[], sessionId: string | undefined): ReviewRunView | undefined {
  return reviews.find((r) => r.source === 'agent' && r.sessionId !== undefined && r.sessionId === sessionId);
}

const NONE: readonly ShownFinding[] = [];

/** The background review's findings on one staged hunk (the same empty array when none). */
export function hunkFindings(run: ReviewRunView | undefined, path: string, hunkId: string): readonly ShownFinding[] {
  const found = run?.findings.filter((f) => f.path === path && f.hunkId === hunkId);
  return found?.length ? found : NONE;
}

/** A file's background-review findings count (for its row in the Changes area). */
export function fileFindingCount(run: ReviewRunView | undefined, path: string): number {
  return run?.findings.filter((f) => f.path === path).length ?? 0;
}

/** The `/review` runs of the conversation shown (its session's, or the empty chat's). */
export function chatReviews(reviews: readonly ReviewRunView[], sessionId: string | undefined): ReviewRunView[] {
  return reviews.filter((r) => r.chat !== undefined && r.sessionId === sessionId);
}

/**
 * Where each chat review goes among `itemIds` (the conversation's rows, oldest first): the
 * index of the row it follows, -1 for the top (no item before it). A review whose item
 * is not loaded (an older page) or gone goes to the end, where the newest activity is.
 */
export function reviewPlacement(itemIds: readonly string[], runs: readonly ReviewRunView[]): { run: ReviewRunView; after: number }[] {
  return runs.map((run) => {
    const id = run.chat?.afterItemId;
    if (id === undefined) return { run, after: -1 };
    const at = itemIds.indexOf(id);
    return { run, after: at === -1 ? itemIds.length - 1 : at };
  });
}
