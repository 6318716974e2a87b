import { readySession, type Handler } from '../types';

/** Sends the queued messages now, when a stop or a failure left them waiting. */
export const queueRun: Handler<'queue/run'> = async (_params, ctx) => {
  (await readySession(ctx)).runQueued();
  return { ok: true };
};
