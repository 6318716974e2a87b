import { changesResult } from '../../session/changes';
import { readySession, type Handler } from '../types';

/** One file (optionally some hunks) or, without a path, every staged file. */
export const changesReject: Handler<'changes/reject'> = async (params, ctx) => {
  const agent = (await readySession(ctx)).agent;
  return changesResult(params, () => agent.staging.discardAll(), (path) => agent.reject(path, params.hunkIds, params.reason), 'Nothing to reject.');
};
