// The background review of the staged changes, at the top of the Changes area: running
// (what the reviewer reads, Stop), its findings count with "Ask Tandem to fix", a clean
// result, or why it failed. The findings themselves sit under their hunks.
import { useSelect } from '../../context';
import { stagedReview } from '../../state/reviews';
import { plural } from '../../format';
import { useReviewCalls } from './useReviewCalls';

export function StagedReviewStatus() {
  const run = useSelect((s) => stagedReview(s.reviews, s.sessionId));
  const calls = useReviewCalls();
  if (!run || run.status === 'cancelled') return null;
  let text: string;
  let action: { label: string; name: string; onClick: () => void; primary?: boolean } | undefined;
  if (run.status === 'running') {
    text = `Reviewing the staged changes…${run.progress ? ` ${run.progress}` : ''}`;
    action = { label: 'Stop', name: 'Stop the review of the staged changes', onClick: () => void calls.cancel(run.id) };
  } else if (run.status === 'failed') {
    text = `The review of the staged changes failed: ${run.error ?? 'unknown error'}`;
  } else if (run.findings.length > 0) {
    text = `Review: ${plural(run.findings.length, 'finding')} on the staged changes`;
    action = { label: 'Ask Tandem to fix', name: 'Ask Tandem to address the review findings', onClick: () => void calls.fix(run.id), primary: true };
  } else {
    text = `Review: no findings${run.hidden > 0 ? ` (${run.hidden} below your thresholds)` : ''}`;
  }
  return (
    <div className={`staged-review staged-review-${run.status}`} role="status">
      <span className="staged-review-text">{text}</span>
      {action && (
        <button type="button" className={`btn ${action.primary ? 'btn-primary' : 'btn-secondary'} btn-compact`} aria-label={action.name} onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
