import type { Handler } from '../types';

/** Queues or steers a message (answered once it is in the session log); idle: the queue starts. */
export const queueAdd: Handler<'queue/add'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  const controller = await ctx.sessions.ensure();
  return { message: await controller.queue(params.text, params.attachments, params.mode) };
};
