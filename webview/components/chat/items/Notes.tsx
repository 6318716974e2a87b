// The plan checklist, error items with Retry, compaction dividers and review notes.
import { memo, useState } from 'react';
import type { Item } from '../../../../src/protocol';
import { useCall } from '../../../context';
import { formatTokens } from '../../../format';
import { Markdown } from '../../../markdown/Markdown';

type Of<T extends Item['type']> = Extract<Item, { type: T }>;

const STEP_ICON = { pending: '○', in_progress: '◐', completed: '✓' } as const;
const STEP_LABEL = { pending: 'pending', in_progress: 'in progress', completed: 'done' } as const;

export const PlanView = memo(function PlanView({ item }: { item: Of<'plan'> }) {
  const done = item.steps.filter((s) => s.status === 'completed').length;
  return (
    <div className="card plan" role="group" aria-label="Plan">
      <div className="card-head">
        <span className="card-title">Plan</span>
        <span className="muted">
          {done} of {item.steps.length} done
        </span>
      </div>
      {item.explanation && <div className="plan-why">{item.explanation}</div>}
      <ul className="plan-steps">
        {item.steps.map((s, i) => (
          <li key={i} className={`plan-step step-${s.status}`}>
            <span className="step-icon" role="img" aria-label={STEP_LABEL[s.status]}>
              {STEP_ICON[s.status]}
            </span>
            <span className="step-text">{s.step}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});

/** `canRetry`: only the latest error of an idle session offers Retry (it re-runs the last turn). */
export const ErrorItem = memo(function ErrorItem({ item, canRetry }: { item: Of<'error'>; canRetry: boolean }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  return (
    <div className="card error-card" role="group" aria-label="Error">
      <div className="error-text">
        <span aria-hidden="true">⚠ </span>
        {item.message}
      </div>
      {canRetry && item.retryable !== false && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void call('turn/retry', {}).finally(() => setBusy(false));
          }}
        >
          Retry
        </button>
      )}
    </div>
  );
});

export const CompactionItem = memo(function CompactionItem({ item }: { item: Of<'compaction'> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="compaction" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        Context compacted: {formatTokens(item.tokensBefore)} → {formatTokens(item.tokensAfter)} tokens
      </summary>
      {open && <Markdown text={item.summary} className="compaction-body" />}
    </details>
  );
});

export const ReviewNote = memo(function ReviewNote({ item }: { item: Of<'review_decision'> }) {
  return (
    <div className="note" role="note">
      {item.text}
    </div>
  );
});
