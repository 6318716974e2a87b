import type { Handler } from '../types';

export const sessionOpen: Handler<'session/open'> = async (params, ctx) => {
  await ctx.sessions.open(params.sessionId);
  return ctx.snapshots.take(ctx.requestId);
};
