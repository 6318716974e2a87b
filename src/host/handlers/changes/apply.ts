import { changesResult } from '../../session/changes';
import { readySession, type Handler } from '../types';

/** One file (optionally some hunks) or, without a path, every staged file. */
export const changesApply: Handler<'changes/apply'> = async (params, ctx) => {
  const agent = (await readySession(ctx)).agent;
  return changesResult(params, () => agent.staging.applyAll(), (path) => agent.apply(path, params.hunkIds), 'Nothing to apply.');
};
