import type { Handler } from '../types';
import * as l10n from '@vscode/l10n';
import { readySession } from '../types';

/** Pages older items of the open session in (the snapshot carries only the newest). */
export const sessionItems: Handler<'session/items'> = async (params, ctx) => {
  // a session just opened is shown before its agent (which holds every item) is built
  const current = await readySession(ctx);
  // a page asked for by a view that still shows another session must not mix sessions
  if (current.sessionId !== params.sessionId) throw new Error(l10n.t('That session is no longer open.'));
  return current.itemsBefore(params.before, params.limit);
};
