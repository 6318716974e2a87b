// A `/review` in the conversation: what is reviewed, what the reviewer does while it runs
// (Stop), then the verdict, the summary and the findings, each with Fix and Dismiss,
// and "Fix all". A finding's location opens its file at the line (where its comment
// thread is).
import * as l10n from '@vscode/l10n';
import { memo } from 'react';
import type { ReviewRunView } from '../../../src/protocol';
import { useCall } from '../../context';
import { findingsLine } from './reviewWords';
import { FindingView } from './FindingView';
import { useReviewCalls } from './useReviewCalls';

function where(f: { path: string; startLine: number; endLine: number }): string {
  return f.startLine === f.endLine ? `${f.path}:${f.startLine}` : `${f.path}:${f.startLine}-${f.endLine}`;
}

export const ReviewCard = memo(function ReviewCard({ run }: { run: ReviewRunView }) {
  const calls = useReviewCalls();
  const call = useCall();
  const title = l10n.t('Code review of {0}', run.description);
  return (
    <section className={`card card-code-review card-${run.status}`} aria-label={title}>
      <div className="card-head">
        <span className="card-title">{title}</span>
        {run.status === 'running' && (
          <button type="button" className="btn btn-secondary btn-compact" aria-label={l10n.t('Stop the review')} onClick={() => void calls.cancel(run.id)}>
            {l10n.t('Stop')}
          </button>
        )}
      </div>
      {run.status === 'running' && (
        <p className="card-meta" role="status">
          {run.progress ?? l10n.t('Reviewing…')}
        </p>
      )}
      {run.status === 'failed' && (
        <p className="card-meta note-warning" role="alert">
          {l10n.t('The review failed: {0}', run.error ?? l10n.t('unknown error'))}
        </p>
      )}
      {run.status === 'cancelled' && <p className="card-meta">{l10n.t('The review was stopped.')}</p>}
      {run.status === 'done' && (
        <>
          <p className="card-meta">{findingsLine(run)}</p>
          {run.summary && <p className="review-summary">{run.summary}</p>}
          {run.findings.length > 0 && (
            <>
              <ul className="findings" aria-label={l10n.t('Findings')}>
                {run.findings.map((f) => (
                  <FindingView key={f.id} runId={run.id} finding={f} where={where(f)} onOpen={() => void call('link/open', { href: `${f.path}#L${f.startLine}` })} />
                ))}
              </ul>
              {run.findings.length > 1 && (
                <button type="button" className="btn btn-primary btn-compact" aria-label={l10n.t('Fix all findings with Tandem')} onClick={() => void calls.fix(run.id)}>
                  {l10n.t('Fix all')}
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
});
