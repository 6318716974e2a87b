// A `/review` in the conversation: what is reviewed, what the reviewer does while it runs
// (Stop), then the verdict, the summary and the findings, each with Fix and Dismiss,
// and "Fix all". A finding's location opens its file at the line (where its comment
// thread is). A Card (ui/) like the chat's other cards.
import * as l10n from '@vscode/l10n';
import { memo } from 'react';
import type { ReviewRunView } from '../../../src/protocol';
import { useCall } from '../../context';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { IconButton } from '../ui/IconButton';
import { Spinner } from '../ui/Spinner';
import { FindingView } from './FindingView';
import { findingsLine } from './reviewWords';
import { useReviewCalls } from './useReviewCalls';

function where(f: { path: string; startLine: number; endLine: number }): string {
  return f.startLine === f.endLine ? `${f.path}:${f.startLine}` : `${f.path}:${f.startLine}-${f.endLine}`;
}

const TONE = { failed: 'error', done: undefined, running: undefined, cancelled: undefined } as const;

export const ReviewCard = memo(function ReviewCard({ run }: { run: ReviewRunView }) {
  const calls = useReviewCalls();
  const call = useCall();
  const title = l10n.t('Code review of {0}', run.description);
  const found = run.status === 'done' && run.findings.length > 0;
  return (
    <Card
      className={`card-code-review card-${run.status}`}
      icon="checklist"
      title={title}
      label={title}
      tone={run.status === 'done' && run.overallCorrectness === 'needs changes' ? 'warning' : TONE[run.status]}
      actions={run.status === 'running' && <IconButton icon="debug-stop" label={l10n.t('Stop the review')} onClick={() => void calls.cancel(run.id)} />}
    >
      {run.status === 'running' && (
        <p className="card-meta" role="status">
          <Spinner label={l10n.t('Reviewing…')} /> {run.progress ?? l10n.t('Reviewing…')}
        </p>
      )}
      {run.status === 'failed' && (
        <p className="card-meta" role="alert">
          {l10n.t('The review failed: {0}', run.error ?? l10n.t('unknown error'))}
        </p>
      )}
      {run.status === 'cancelled' && <p className="card-meta muted">{l10n.t('The review was stopped.')}</p>}
      {run.status === 'done' && (
        <>
          <p className="card-meta">{findingsLine(run)}</p>
          {run.summary && (
            <p className="review-summary" translate="no">
              {run.summary}
            </p>
          )}
          {found && (
            <ul className="findings" aria-label={l10n.t('Findings')}>
              {run.findings.map((f) => (
                <FindingView key={f.id} runId={run.id} finding={f} where={where(f)} onOpen={() => void call('link/open', { href: `${f.path}#L${f.startLine}` })} />
              ))}
            </ul>
          )}
          {found && run.findings.length > 1 && (
            <Button icon="wand" label={l10n.t('Fix all findings with Tandem')} onClick={() => void calls.fix(run.id)}>
              {l10n.t('Fix all')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
});
