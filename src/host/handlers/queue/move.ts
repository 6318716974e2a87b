import { readySession, type Handler } from '../types';

export const queueMove: Handler<'queue/move'> = async (params, ctx) => {
  await (await readySession(ctx)).agent.moveQueued(params.id, params.index);
  return { ok: true };
};
