// `/review` typed in the composer. The core's slash-command registry names the command
// (src/core/commands/slash.ts: the CLI and the editor agree on what is a command); this
// file says which changes its arguments ask for, and resolves a message through the
// registry. vscode-free.
//   /review                  the uncommitted changes (staged, unstaged and untracked)
//   /review staged           what is staged in git
//   /review branch <base>    this branch against <base> (also: /review base <base>)
//   /review commit <sha>     one commit
// Arguments that are none of these are refused with the usage, so a typo never becomes a
// surprising review.
import * as l10n from '@vscode/l10n';
import type { GitReviewTarget } from '../../protocol/review';
import type { SlashResolution } from '../../core/index';
import type { LazyCore } from '../coreAccess/lazyCore';
import type { ReviewService } from './reviewService';
import type { SessionController } from '../session/sessionController';

/** How /review is used (a function: the language bundle loads at activation, after this module). */
export function reviewUsage(): string {
  return l10n.t('Use /review (uncommitted changes), /review staged, /review branch <base> or /review commit <sha>.');
}

/** The target of `/review <args>`; throws the usage for arguments it does not know. */
export function parseReviewArgs(text: string): GitReviewTarget {
  const args = text.trim().split(/\s+/).filter(Boolean);
  const [what, ref, ...rest] = args;
  if (args.length === 0 || (what === 'uncommitted' && args.length === 1)) return { type: 'uncommitted' };
  if (what === 'staged' && args.length === 1) return { type: 'staged' };
  if ((what === 'branch' || what === 'base') && ref && rest.length === 0) return { type: 'branch', base: ref };
  if (what === 'commit' && ref && rest.length === 0) return { type: 'commit', sha: ref };
  throw new Error(reviewUsage());
}

/** What a message means as a slash command (undefined: an ordinary message). */
export type SlashResolver = (text: string) => Promise<SlashResolution | undefined>;

/**
 * The core's resolver for the built-in commands. The core loads only for text shaped
 * like a command, so an ordinary message costs nothing here.
 */
export function builtinSlashResolver(core: Pick<LazyCore, 'resolveSlashCommand'>): SlashResolver {
  return async (text) => (/^\s*\/[A-Za-z0-9]/.test(text) ? core.resolveSlashCommand(text, []) : undefined);
}

/** The review a message asks for when it is `/review [args]`; undefined for any other message. */
export async function reviewCommandTarget(text: string, resolve: SlashResolver): Promise<GitReviewTarget | undefined> {
  const command = await resolve(text);
  return command?.type === 'builtin' && command.name === 'review' ? parseReviewArgs(command.args) : undefined;
}

/**
 * Starts a review of `target` into the chat, after the open conversation's newest item
 * (the empty chat when none is open). The one way `/review` runs, whether it came as a
 * message (turn/send), from the composer's command list (commands/run) or review/run.
 */
export function reviewIntoChat(
  deps: { reviews: Pick<ReviewService, 'review'>; sessions: { whenReady(): Promise<Pick<SessionController, 'sessionId' | 'agent'> | undefined> } },
  target: GitReviewTarget,
): Promise<{ runId: string }> {
  return deps.sessions.whenReady().then((session) => {
    const afterItemId = session?.agent.items().at(-1)?.id;
    const { runId } = deps.reviews.review(target, { sessionId: session?.sessionId, afterItemId });
    return { runId };
  });
}
