// One review finding: its priority, title and explanation, where it is, and its actions:
// Fix (a turn that addresses it; the fix is staged as usual) and Dismiss (with an
// optional reason: not reported again for the same code). Accessible names follow the
// finding's title: `Fix with Tandem: <title>`, `Dismiss finding: <title>`, the textbox
// `Reason for dismissing: <title>`.
import * as l10n from '@vscode/l10n';
import { memo, useState } from 'react';
import type { ShownFinding } from '../../../src/protocol';
import { useReviewCalls } from './useReviewCalls';

export interface FindingViewProps {
  runId: string;
  finding: ShownFinding;
  /** Where it is, as shown ("src/a.ts:12", "line 12 of the staged file"). */
  where: string;
  /** Opens the finding's code (absent: nothing to open, e.g. the staged version). */
  onOpen?: () => void;
}

export const FindingView = memo(function FindingView({ runId, finding: f, where, onOpen }: FindingViewProps) {
  const calls = useReviewCalls();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
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
        <span className={`badge finding-priority finding-priority-${f.priority}`} title={l10n.t('Priority P{0}, confidence {1}', f.priority, f.confidence.toFixed(2))}>
          P{f.priority}
        </span>
        <span className="finding-title">{f.title}</span>
      </div>
      <p className="finding-body">{f.body}</p>
      <div className="finding-foot">
        {onOpen ? (
          <button type="button" className="link-button finding-where" onClick={onOpen}>
            {where}
          </button>
        ) : (
          <span className="finding-where muted">{where}</span>
        )}
        {asking ? (
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
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setAsking(false);
              }}
            />
            <button type="submit" className="btn btn-secondary btn-compact" aria-label={l10n.t('Dismiss finding: {0}', f.title)} aria-disabled={busy}>
              {l10n.t('Dismiss')}
            </button>
          </form>
        ) : (
          <div className="finding-actions">
            <button type="button" className="btn btn-primary btn-compact" aria-label={l10n.t('Fix with Tandem: {0}', f.title)} aria-disabled={busy} onClick={run(() => calls.fix(runId, [f.id]))}>
              {l10n.t('Fix')}
            </button>
            <button type="button" className="btn btn-ghost btn-compact" aria-label={l10n.t('Dismiss with reason: {0}', f.title)} aria-disabled={busy} onClick={() => setAsking(true)}>
              {l10n.t('Dismiss…')}
            </button>
          </div>
        )}
      </div>
    </li>
  );
});
