import { describeOutcome, outcomeView } from '../../session/changes';
import { readySession, type Handler } from '../types';

/** One file (optionally some hunks) or, without a path, every staged file. */
export const changesReject: Handler<'changes/reject'> = async (params, ctx) => {
  const agent = (await readySession(ctx)).agent;
  if (params.path === undefined) {
    if (params.hunkIds) throw new Error('Hunks need a path.');
    const outcomes = await agent.staging.discardAll();
    return { ok: true, message: outcomes.map(describeOutcome).join('\n') || 'Nothing to reject.', outcomes: outcomes.map(outcomeView) };
  }
  const outcome = await agent.reject(params.path, params.hunkIds, params.reason);
  if (outcome.status === 'conflict') throw new Error(describeOutcome(outcome));
  return { ok: true, message: describeOutcome(outcome), outcomes: [outcomeView(outcome)] };
};
