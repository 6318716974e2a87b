// The background review of the staged changes, at the top of the Changes area: running
// (what the reviewer reads, Stop), its findings count with "Ask Tandem to fix", a clean
// result, or why it failed. The findings themselves sit under their hunks.
import * as l10n from '@vscode/l10n';
import { useSelect } from '../../context';
import { stagedReview } from '../../state/reviews';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { IconButton } from '../ui/IconButton';
import { Spinner } from '../ui/Spinner';
import { findingCount } from './reviewWords';
import { useReviewCalls } from './useReviewCalls';

export function StagedReviewStatus() {
  const run = useSelect((s) => stagedReview(s.reviews, s.sessionId));
  const calls = useReviewCalls();
  if (!run || run.status === 'cancelled') return null;
  let text: string;
  let lead: JSX.Element;
  let action: JSX.Element | undefined;
  if (run.status === 'running') {
    text = run.progress ? l10n.t('Reviewing the staged changes… {0}', run.progress) : l10n.t('Reviewing the staged changes…');
    lead = <Spinner label={l10n.t('Reviewing the staged changes…')} />;
    action = <IconButton icon="debug-stop" label={l10n.t('Stop the review of the staged changes')} title={l10n.t('Stop')} onClick={() => void calls.cancel(run.id)} />;
  } else if (run.status === 'failed') {
    text = l10n.t('The review of the staged changes failed: {0}', run.error ?? l10n.t('unknown error'));
    lead = <Icon name="error" className="error-icon" />;
  } else if (run.findings.length > 0) {
    text = l10n.t('Review: {0} on the staged changes', findingCount(run.findings.length));
    lead = <Icon name="warning" className="staged-review-icon" />;
    action = (
      <Button icon="wand" label={l10n.t('Ask Tandem to address the review findings')} onClick={() => void calls.fix(run.id)}>
        {l10n.t('Ask Tandem to fix')}
      </Button>
    );
  } else {
    if (run.hidden === 0) text = l10n.t('Review: no findings');
    else text = run.hidden === 1 ? l10n.t('Review: no findings (1 below your thresholds)') : l10n.t('Review: no findings ({0} below your thresholds)', run.hidden);
    lead = <Icon name="pass" className="staged-review-icon" />;
  }
  return (
    <div className={`staged-review staged-review-${run.status}`} role="status">
      {lead}
      <span className="staged-review-text">{text}</span>
      {action}
    </div>
  );
}
