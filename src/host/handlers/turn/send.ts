import { reviewCommandTarget } from '../../codeReview/reviewCommand';
import { reviewRun } from '../review/run';
import type { Handler } from '../types';

export const turnSend: Handler<'turn/send'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  // `/review` typed as a message (the core's built-in command) runs the code review into the chat (review/run)
  const review = params.attachments?.length ? undefined : await reviewCommandTarget(params.text, ctx.reviewSlash);
  if (review) {
    await reviewRun({ target: review }, ctx);
    return { ok: true };
  }
  await ctx.sessions.send(params.text, params.attachments);
  return { ok: true };
};
