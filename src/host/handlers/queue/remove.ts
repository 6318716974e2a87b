import { readySession, type Handler } from '../types';

export const queueRemove: Handler<'queue/remove'> = async (params, ctx) => {
  await (await readySession(ctx)).agent.removeQueued(params.id);
  return { ok: true };
};
