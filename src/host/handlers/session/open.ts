import type { Handler } from '../types';

/**
 * Answers with the opened session's snapshot as soon as its newest items are read; its
 * agent is built after the response (SessionManager.open), and requests that need it wait.
 */
export const sessionOpen: Handler<'session/open'> = async (params, ctx) => {
  await ctx.sessions.open(params.sessionId);
  return ctx.snapshots.take(ctx.requestId);
};
