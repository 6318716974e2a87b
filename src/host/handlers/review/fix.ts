import { fixFindings } from '../../codeReview/fixFindings';
import type { Handler } from '../types';

/** A turn that addresses the findings (src/host/codeReview/fixFindings.ts says in which session). */
export const reviewFix: Handler<'review/fix'> = async (params, ctx) => {
  await fixFindings(ctx.reviews, ctx.reviewFixes, params.runId, params.findingIds);
  return { ok: true };
};
