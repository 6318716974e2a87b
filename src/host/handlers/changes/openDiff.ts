import { summarizeChange } from '../../session/changes';
import * as l10n from '@vscode/l10n';
import { readySession, type Handler } from '../types';

export const changesOpenDiff: Handler<'changes/openDiff'> = async (params, ctx) => {
  const session = await readySession(ctx);
  const change = (await session.agent.changes()).find((c) => c.path === params.path);
  if (!change) throw new Error(l10n.t('No staged change for {0}.', params.path));
  await ctx.editor.openDiff(summarizeChange(change), session.sessionId);
  return { ok: true };
};
