// The plan checklist, error items with Retry, compaction dividers and review notes.
import * as l10n from '@vscode/l10n';
import { memo, useState } from 'react';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import type { Item } from '../../../../src/protocol';
import { useCall } from '../../../context';
import { formatTokens } from '../../../format';
import { Markdown } from '../../../markdown/Markdown';

type Of<T extends Item['type']> = Extract<Item, { type: T }>;

const STEP_ICON = { pending: 'circle-large-outline', in_progress: 'circle-large-filled', completed: 'pass' } as const;

function stepLabel(status: keyof typeof STEP_ICON): string {
  if (status === 'pending') return l10n.t('pending');
  return status === 'in_progress' ? l10n.t('in progress') : l10n.t('done');
}

export const PlanView = memo(function PlanView({ item }: { item: Of<'plan'> }) {
  const done = item.steps.filter((s) => s.status === 'completed').length;
  return (
    <div className="card plan" role="group" aria-label={l10n.t('Plan')}>
      <div className="card-head">
        <Icon name="checklist" />
        <span className="card-title">{l10n.t('Plan')}</span>
        <span className="muted">{l10n.t('{0} of {1} done', done, item.steps.length)}</span>
      </div>
      {item.explanation && (
        <div className="plan-why" translate="no">
          {item.explanation}
        </div>
      )}
      <ul className="plan-steps">
        {item.steps.map((s, i) => (
          <li key={i} className={`plan-step step-${s.status}`}>
            <span className={`step-icon codicon codicon-${STEP_ICON[s.status]}`} role="img" aria-label={stepLabel(s.status)} />
            <span className="step-text" translate="no">
              {s.step}
            </span>
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
    <div className="card error-card" role="group" aria-label={l10n.t('Error')}>
      <Icon name="error" className="error-icon" />
      <div className="error-text" translate="no">
        {item.message}
      </div>
      {canRetry && item.retryable !== false && (
        <Button
          secondary
          icon="refresh"
          busy={busy}
          onClick={() => {
            setBusy(true);
            void call('turn/retry', {}).finally(() => setBusy(false));
          }}
        >
          {l10n.t('Retry')}
        </Button>
      )}
    </div>
  );
});

export const CompactionItem = memo(function CompactionItem({ item }: { item: Of<'compaction'> }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="compaction" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {l10n.t('Context compacted: {0} → {1} tokens', formatTokens(item.tokensBefore), formatTokens(item.tokensAfter))}
      </summary>
      {open && (
        <div translate="no">
          <Markdown text={item.summary} className="compaction-body" />
        </div>
      )}
    </details>
  );
});

export const ReviewNote = memo(function ReviewNote({ item }: { item: Of<'review_decision'> }) {
  return (
    <div className="note" role="note" translate="no">
      {item.text}
    </div>
  );
});
