import type { Handler } from '../types';

export const sessionDelete: Handler<'session/delete'> = async (params, ctx) => {
  // shown = open with its agent, or shown from its log while the agent is (or failed to be) built
  const wasOpen = ctx.sessions.state().sessionId === params.sessionId;
  await ctx.sessions.delete(params.sessionId);
  if (wasOpen) ctx.snapshots.push();
  return { ok: true };
};
