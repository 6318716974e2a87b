import { readySession, type Handler } from '../types';

/** Edits a waiting message, or turns it into a steer (or back); fails once it is being sent. */
export const queueUpdate: Handler<'queue/update'> = async (params, ctx) => {
  const controller = await readySession(ctx);
  const message = await controller.agent.updateQueued(params.id, { ...(params.text !== undefined ? { text: params.text } : {}), ...(params.mode ? { mode: params.mode } : {}) });
  return { message };
};
