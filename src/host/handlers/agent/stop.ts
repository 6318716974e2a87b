import type { Handler } from '../types';
import { readySession } from '../types';

/** The Stop on a subagent's card: it stops for good; its staged work so far is merged. */
export const agentStop: Handler<'agent/stop'> = async (params, ctx) => {
  await (await readySession(ctx)).agent.stopSubagent(params.agentId);
  return { ok: true };
};
