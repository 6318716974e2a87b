// One review finding: its priority, title and explanation, where it is, and its actions:
// Fix (a turn that addresses it; the fix is staged as usual) and Dismiss (with an
// optional reason: not reported again for the same code). Accessible names follow the
// finding's title: `Fix with Tandem: <title>`, `Dismiss with reason: <title>`, then the
// textbox `Reason for dismissing: <title>` and `Dismiss finding: <title>`. VS Code's
// controls (ui/), like the Changes area's reject-with-reason form.
import * as l10n from '@vscode/l10n';
import { memo, useId, useState } from 'react';
import type { Priority, ShownFinding } from '../../../src/protocol';
import { Badge, type BadgeTone } from '../ui/Badge';
import { Button } from '../ui/Button';
import { useReviewCalls } from './useReviewCalls';

const TONE: Record<Priority, BadgeTone> = { 0: 'error', 1: 'warning', 2: 'neutral', 3: 'muted' };

export interface FindingViewProps {
  runId: string;
  finding: ShownFinding;
  /** Where it is, as shown ("src/a.ts:12", "staged line 12"). */
  where: string;
  /** Opens the finding's code (absent: nothing to open, e.g. the staged version). */
  onOpen?: () => void;
}

export const FindingView = memo(function FindingView({ runId, finding: f, where, onOpen }: FindingViewProps) {
  const calls = useReviewCalls();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const run = (fn: () => Promise<boolean>) => async () => {
    if (busy) return;
    setBusy(true);
    await fn();
    setBusy(false);
  };
  const dismiss = run(async () => {
    setAsking(false);
    return calls.dismiss(runId, f.id, reason.trim() || undefined);
  });
  return (
    <li className={`finding finding-p${f.priority}`} data-finding={f.id}>
      <div className="finding-head">
        <Badge tone={TONE[f.priority]} className="finding-priority" title={l10n.t('Priority P{0}, confidence {1}', f.priority, f.confidence.toFixed(2))}>
          P{f.priority}
        </Badge>
        <span className="finding-title" translate="no">
          {f.title}
        </span>
      </div>
      <p className="finding-body" translate="no">
        {f.body}
      </p>
      <div className="finding-foot">
        {onOpen ? (
          <button type="button" className="link-button finding-where" translate="no" onClick={onOpen}>
            {where}
          </button>
        ) : (
          <span className="finding-where muted">{where}</span>
        )}
        {!asking && (
          <span className="finding-actions">
            <Button icon="wand" busy={busy} label={l10n.t('Fix with Tandem: {0}', f.title)} onClick={run(() => calls.fix(runId, [f.id]))}>
              {l10n.t('Fix')}
            </Button>
            <Button secondary icon="close" busy={busy} label={l10n.t('Dismiss with reason: {0}', f.title)} onClick={() => setAsking(true)}>
              {l10n.t('Dismiss…')}
            </Button>
          </span>
        )}
      </div>
      {asking && (
        <form
          className="reason-form"
          onSubmit={(e) => {
            e.preventDefault();
            void dismiss();
          }}
        >
          <input
            className="input reason-input"
            type="text"
            autoFocus
            value={reason}
            placeholder={l10n.t('Why is it not a problem? (optional)')}
            aria-label={l10n.t('Reason for dismissing: {0}', f.title)}
            aria-describedby={hintId}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setAsking(false);
              }
            }}
          />
          <span id={hintId} className="offscreen">
            {l10n.t('Enter dismisses with this reason, Escape cancels.')}
          </span>
          <Button secondary busy={busy} label={l10n.t('Dismiss finding: {0}', f.title)} onClick={() => void dismiss()}>
            {l10n.t('Dismiss')}
          </Button>
          <Button secondary onClick={() => setAsking(false)}>
            {l10n.t('Cancel')}
          </Button>
        </form>
      )}
    </li>
  );
});
