import type { Handler } from '../types';

export const sessionDelete: Handler<'session/delete'> = async (params, ctx) => {
  const wasOpen = ctx.sessions.current?.sessionId === params.sessionId;
  await ctx.sessions.delete(params.sessionId);
  if (wasOpen) ctx.snapshots.push();
  return { ok: true };
};
