// `/review` typed in the composer: which changes it reviews. vscode-free, pure.
//   /review                  the uncommitted changes (staged, unstaged and untracked)
//   /review staged           what is staged in git
//   /review branch <base>    this branch against <base> (also: /review base <base>)
//   /review commit <sha>     one commit
// A message that merely starts with "/review" followed by other text is refused with the
// usage, so a typo never becomes a chat message or a surprising review.
import type { GitReviewTarget } from '../../protocol/review';

export const REVIEW_USAGE = 'Use /review (uncommitted changes), /review staged, /review branch <base> or /review commit <sha>.';

/** The target of a `/review` message; undefined when the text is not one; throws the usage for bad arguments. */
export function parseReviewCommand(text: string): GitReviewTarget | undefined {
  const m = /^\/review(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const args = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const [what, ref, ...rest] = args;
  if (args.length === 0 || what === 'uncommitted') {
    if (args.length <= 1) return { type: 'uncommitted' };
  } else if (what === 'staged' && args.length === 1) {
    return { type: 'staged' };
  } else if ((what === 'branch' || what === 'base') && ref && rest.length === 0) {
    return { type: 'branch', base: ref };
  } else if (what === 'commit' && ref && rest.length === 0) {
    return { type: 'commit', sha: ref };
  }
  throw new Error(REVIEW_USAGE);
}
