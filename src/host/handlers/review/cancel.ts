import type { Handler } from '../types';

/** Stops a running review (one that already ended is left as it is). */
export const reviewCancel: Handler<'review/cancel'> = (params, ctx) => {
  ctx.reviews.cancel(params.runId);
  return { ok: true };
};
