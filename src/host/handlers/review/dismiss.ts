import type { Handler } from '../types';

/** Not a problem: hidden now, and remembered so later reviews do not report it again for the same code. */
export const reviewDismiss: Handler<'review/dismiss'> = async (params, ctx) => {
  await ctx.reviews.dismiss(params.runId, params.findingId, params.reason);
  return { ok: true };
};
