import { describeOutcome, outcomeView } from '../../session/changes';
import { readySession, type Handler } from '../types';

/** One file (optionally some hunks) or, without a path, every staged file. */
export const changesApply: Handler<'changes/apply'> = async (params, ctx) => {
  const agent = (await readySession(ctx)).agent;
  if (params.path === undefined) {
    if (params.hunkIds) throw new Error('Hunks need a path.');
    const outcomes = await agent.staging.applyAll();
    return { ok: true, message: outcomes.map(describeOutcome).join('\n') || 'Nothing to apply.', outcomes: outcomes.map(outcomeView) };
  }
  const outcome = await agent.apply(params.path, params.hunkIds);
  if (outcome.status === 'conflict') throw new Error(describeOutcome(outcome));
  return { ok: true, message: describeOutcome(outcome), outcomes: [outcomeView(outcome)] };
};
