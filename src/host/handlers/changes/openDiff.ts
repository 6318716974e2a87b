import { summarizeChange } from '../../session/changes';
import { readySession, type Handler } from '../types';

export const changesOpenDiff: Handler<'changes/openDiff'> = async (params, ctx) => {
  const session = await readySession(ctx);
  const change = (await session.agent.changes()).find((c) => c.path === params.path);
  if (!change) throw new Error(`No staged change for ${params.path}.`);
  await ctx.editor.openDiff(summarizeChange(change), session.sessionId);
  return { ok: true };
};
