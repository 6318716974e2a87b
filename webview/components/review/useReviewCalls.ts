// The review requests a finding's controls send (review/fix, review/dismiss,
// review/cancel); a failure shows as a notice (useCall).
import { useCallback, useMemo } from 'react';
import { useCall } from '../../context';

export interface ReviewCalls {
  /** Asks the agent to fix the run's findings (`findingIds`, or all shown). */
  fix(runId: string, findingIds?: string[]): Promise<boolean>;
  dismiss(runId: string, findingId: string, reason?: string): Promise<boolean>;
  cancel(runId: string): Promise<boolean>;
}

export function useReviewCalls(): ReviewCalls {
  const call = useCall();
  const fix = useCallback(async (runId: string, findingIds?: string[]) => !!(await call('review/fix', findingIds ? { runId, findingIds } : { runId })), [call]);
  const dismiss = useCallback(async (runId: string, findingId: string, reason?: string) => !!(await call('review/dismiss', reason ? { runId, findingId, reason } : { runId, findingId })), [call]);
  const cancel = useCallback(async (runId: string) => !!(await call('review/cancel', { runId })), [call]);
  return useMemo(() => ({ fix, dismiss, cancel }), [fix, dismiss, cancel]);
}
