import type { Handler } from '../types';

/** Closes the open session; the next message starts a new one (no empty sessions on disk). */
export const sessionNew: Handler<'session/new'> = async (_params, ctx) => {
  await ctx.sessions.newSession();
  return ctx.snapshots.take(ctx.requestId);
};
