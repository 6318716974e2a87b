import type { Handler } from '../types';

export const turnSend: Handler<'turn/send'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  await ctx.sessions.send(params.text, params.attachments);
  return { ok: true };
};
