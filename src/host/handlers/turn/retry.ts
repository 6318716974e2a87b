import type { Handler } from '../types';

/** Re-runs the last user message after a failed turn. */
export const turnRetry: Handler<'turn/retry'> = async (_params, ctx) => {
  await ctx.sessions.retry();
  return { ok: true };
};
