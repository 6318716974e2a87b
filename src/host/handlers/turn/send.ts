import { parseReviewCommand } from '../../codeReview/reviewCommand';
import { reviewRun } from '../review/run';
import type { Handler } from '../types';

export const turnSend: Handler<'turn/send'> = async (params, ctx) => {
  const setup = (await ctx.config.current()).setupNeeded;
  if (setup) throw new Error(setup.reason);
  // `/review` typed as a message runs the code review into the chat (review/run)
  const review = params.attachments?.length ? undefined : parseReviewCommand(params.text);
  if (review) {
    await reviewRun({ target: review }, ctx);
    return { ok: true };
  }
  await ctx.sessions.send(params.text, params.attachments);
  return { ok: true };
};
