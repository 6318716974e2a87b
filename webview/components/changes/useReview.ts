// The review requests (changes/apply, changes/reject) with what the Changes area needs
// around them: which files are busy, per-file failures kept in the store (a conflict
// stays shown on its file), and the result as a notice for everyone (a polite live
// region, so screen readers hear "Applied src/a.ts (1 of 3 hunks)").
import { useCallback, useState } from 'react';
import { useDeps } from '../../context';
import { conflictsInMessage, conflictsInOutcomes } from './diffRows';

/** The busy key of Apply all / Discard all. */
export const ALL = '*';

export interface ReviewTarget {
  path?: string;
  hunkIds?: string[];
  reason?: string;
}

export type ReviewVerb = 'apply' | 'reject';

export function useReview() {
  const { rpc, store } = useDeps();
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());

  const mark = useCallback((key: string, on: boolean) => {
    setBusy((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  /** Resolves to whether the host accepted the request (conflicts of one file count as failed). */
  const act = useCallback(
    async (verb: ReviewVerb, target: ReviewTarget): Promise<boolean> => {
      const key = target.path ?? ALL;
      mark(key, true);
      if (target.path !== undefined) store.dispatch({ type: 'review/clear', path: target.path });
      try {
        const res = await rpc.request(verb === 'apply' ? 'changes/apply' : 'changes/reject', target);
        const message = res?.message ?? '';
        if (target.path === undefined) {
          // all files at once: conflicts come back as outcomes (older hosts: lines of the
          // message), not as a failure
          const conflicts = res?.outcomes
            ? conflictsInOutcomes(res.outcomes)
            : conflictsInMessage(message, store.getState().changes.map((c) => c.path));
          if (conflicts.size > 0) store.dispatch({ type: 'review/failed', errors: Object.fromEntries(conflicts) });
          if (message) store.dispatch({ type: 'notice/show', kind: conflicts.size > 0 ? 'error' : 'info', message });
        } else if (message) {
          store.dispatch({ type: 'notice/show', kind: 'info', message });
        }
        return true;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (target.path !== undefined) store.dispatch({ type: 'review/failed', errors: { [target.path]: message } });
        else store.dispatch({ type: 'notice/show', kind: 'error', message });
        return false;
      } finally {
        mark(key, false);
      }
    },
    [rpc, store, mark],
  );

  return { busy, act };
}
