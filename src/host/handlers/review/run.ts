import type { Handler } from '../types';

/**
 * `/review` in the composer: reviews the target (default: the uncommitted changes) into
 * the chat, after the conversation's newest item. Answers once the review started; its
 * progress and findings follow in review/updated.
 */
export const reviewRun: Handler<'review/run'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  const session = await ctx.sessions.whenReady();
  const afterItemId = session?.agent.items().at(-1)?.id;
  const { runId } = ctx.reviews.review(params.target ?? { type: 'uncommitted' }, { sessionId: session?.sessionId, afterItemId });
  return { runId };
};
