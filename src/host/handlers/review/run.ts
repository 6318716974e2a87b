import { reviewIntoChat } from '../../codeReview/reviewCommand';
import type { Handler } from '../types';

/**
 * `/review` in the composer: reviews the target (default: the uncommitted changes) into
 * the chat, after the conversation's newest item. Answers once the review started; its
 * progress and findings follow in review/updated.
 */
export const reviewRun: Handler<'review/run'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  return reviewIntoChat(ctx, params.target ?? { type: 'uncommitted' });
};
