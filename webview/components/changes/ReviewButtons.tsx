// The Apply / Reject / Reject with reason controls shared by a file and a hunk: compact
// icon buttons (tooltips say what they do). Names follow one pattern on the target
// ("file src/a.ts", "hunk 2 of 3 in src/a.ts"): `Apply <target>`, `Reject <target>`,
// `Reject with reason: <target>`, and the textbox `Reason for rejecting <target>`. The
// reason goes to the agent with the rejection; its form opens below the row
// (ReasonForm), so the row itself stays one line.
// Buttons stay focusable while a request runs (aria-disabled, clicks ignored): a
// disabled button would drop the keyboard focus to the page.
import * as l10n from '@vscode/l10n';
import { useId, useState } from 'react';
import { Button } from '../ui/Button';
import { IconButton } from '../ui/IconButton';

export interface ReviewButtonsProps {
  /** "file src/a.ts" or "hunk 2 of 3 in src/a.ts" (localized). */
  target: string;
  busy: boolean;
  onApply: () => void;
  onReject: () => void;
  onAskReason: () => void;
  /** Open the staged diff in the editor (files only), and its button's name ("Open diff of src/a.ts"). */
  onOpenDiff?: () => void;
  diffLabel?: string;
}

export function ReviewButtons({ target, busy, onApply, onReject, onAskReason, onOpenDiff, diffLabel }: ReviewButtonsProps) {
  return (
    <span className="review-buttons">
      {onOpenDiff && <IconButton icon="diff" label={diffLabel ?? l10n.t('Open diff')} title={l10n.t('Open diff')} onClick={onOpenDiff} />}
      <IconButton icon="comment" label={l10n.t('Reject with reason: {0}', target)} title={l10n.t('Reject with a reason for Tandem')} busy={busy} onClick={onAskReason} />
      <IconButton icon="discard" label={l10n.t('Reject {0}', target)} title={l10n.t('Reject')} busy={busy} onClick={onReject} />
      <IconButton icon="check" className="icon-button-apply" label={l10n.t('Apply {0}', target)} title={l10n.t('Apply')} busy={busy} onClick={onApply} />
    </span>
  );
}

/** The reason box under a row: Enter rejects with the reason, Escape cancels (focus goes back to `onClose`). */
export function ReasonForm({ target, busy, onReject, onClose }: { target: string; busy: boolean; onReject: (reason?: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const hintId = useId();
  const submit = () => {
    if (busy) return;
    const r = reason.trim();
    onReject(r || undefined);
  };
  return (
    <form
      className="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <input
        className="input reason-input"
        type="text"
        autoFocus
        value={reason}
        aria-label={l10n.t('Reason for rejecting {0}', target)}
        aria-describedby={hintId}
        placeholder={l10n.t('Why? Tandem reads this')}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      />
      <span id={hintId} className="offscreen">
        {l10n.t('Enter rejects with this reason, Escape cancels.')}
      </span>
      <Button secondary busy={busy} label={l10n.t('Reject {0}', target)} onClick={submit}>
        {l10n.t('Reject')}
      </Button>
      <Button secondary onClick={onClose}>
        {l10n.t('Cancel')}
      </Button>
    </form>
  );
}
