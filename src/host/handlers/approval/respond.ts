import * as l10n from '@vscode/l10n';
import { requireSession, type Handler } from '../types';

export const approvalRespond: Handler<'approval/respond'> = (params, ctx) => {
  const answered = requireSession(ctx).respondApproval(params.requestId, params.decision, params.reason);
  if (!answered) throw new Error(l10n.t('This request is no longer pending (its turn ended or it was already answered).'));
  return { ok: true };
};
