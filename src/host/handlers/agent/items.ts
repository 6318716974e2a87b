import type { Handler } from '../types';
import { readySession } from '../types';

/**
 * A subagent's items for its card. Built synchronously with the response (a copy of
 * the live list), so events posted after it are exactly the ones it lacks; text
 * still batched for the webview is flushed first, so none of it arrives twice.
 */
export const agentItems: Handler<'agent/items'> = async (params, ctx) => {
  const current = await readySession(ctx);
  const items = await current.agent.subagentItems(params.agentId);
  current.holdEvents(ctx.requestId);
  return { items: [...items] };
};
