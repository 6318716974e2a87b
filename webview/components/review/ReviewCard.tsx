// A `/review` in the conversation: what is reviewed, what the reviewer does while it runs
// (Stop), then the verdict, the summary and the findings, each with Fix and Dismiss,
// and "Fix all". A finding's location opens its file at the line (where its comment
// thread is).
import { memo } from 'react';
import type { ReviewRunView } from '../../../src/protocol';
import { useCall } from '../../context';
import { plural } from '../../format';
import { FindingView } from './FindingView';
import { useReviewCalls } from './useReviewCalls';

function where(f: { path: string; startLine: number; endLine: number }): string {
  return f.startLine === f.endLine ? `${f.path}:${f.startLine}` : `${f.path}:${f.startLine}-${f.endLine}`;
}

export const ReviewCard = memo(function ReviewCard({ run }: { run: ReviewRunView }) {
  const calls = useReviewCalls();
  const call = useCall();
  const title = `Code review of ${run.description}`;
  return (
    <section className={`card card-code-review card-${run.status}`} aria-label={title}>
      <div className="card-head">
        <span className="card-title">{title}</span>
        {run.status === 'running' && (
          <button type="button" className="btn btn-secondary btn-compact" aria-label="Stop the review" onClick={() => void calls.cancel(run.id)}>
            Stop
          </button>
        )}
      </div>
      {run.status === 'running' && (
        <p className="card-meta" role="status">
          {run.progress ?? 'Reviewing…'}
        </p>
      )}
      {run.status === 'failed' && (
        <p className="card-meta note-warning" role="alert">
          The review failed: {run.error ?? 'unknown error'}
        </p>
      )}
      {run.status === 'cancelled' && <p className="card-meta">The review was stopped.</p>}
      {run.status === 'done' && (
        <>
          <p className="card-meta">
            {run.findings.length === 0 ? 'No findings' : plural(run.findings.length, 'finding')}
            {run.hidden > 0 ? ` (${run.hidden} below your thresholds)` : ''}
            {run.overallCorrectness ? ` · ${run.overallCorrectness}` : ''}
          </p>
          {run.summary && <p className="review-summary">{run.summary}</p>}
          {run.findings.length > 0 && (
            <>
              <ul className="findings" aria-label="Findings">
                {run.findings.map((f) => (
                  <FindingView key={f.id} runId={run.id} finding={f} where={where(f)} onOpen={() => void call('link/open', { href: `${f.path}#L${f.startLine}` })} />
                ))}
              </ul>
              {run.findings.length > 1 && (
                <button type="button" className="btn btn-primary btn-compact" aria-label="Fix all findings with Tandem" onClick={() => void calls.fix(run.id)}>
                  Fix all
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
});
