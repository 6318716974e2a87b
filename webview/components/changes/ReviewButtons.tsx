// The Apply / Reject controls shared by a file and a hunk. Names follow one pattern on
// the target ("file src/a.ts", "hunk 2 of 3 in src/a.ts"): `Apply <target>`,
// `Reject <target>`, `Reject with reason: <target>`, and the textbox
// `Reason for rejecting <target>`. The reason goes to the agent with the rejection.
// Buttons stay focusable while a request runs (aria-disabled, clicks ignored): a
// disabled button would drop the keyboard focus to the page.
import { useId, useRef, useState } from 'react';

export interface ReviewButtonsProps {
  /** "file src/a.ts" or "hunk 2 of 3 in src/a.ts". */
  target: string;
  /** Visible word after Apply / Reject ("file", "hunk"). */
  noun: string;
  busy: boolean;
  onApply: () => void;
  onReject: (reason?: string) => void;
  /** For focus management: identifies the control row (data-review). */
  reviewId?: string;
}

export function ReviewButtons({ target, noun, busy, onApply, onReject, reviewId }: ReviewButtonsProps) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const hintId = useId();
  const guard = (fn: () => void) => () => {
    if (!busy) fn();
  };
  const close = () => {
    setAsking(false);
    setReason('');
    // the toggle comes back on the next render: focus it then
    requestAnimationFrame(() => toggle.current?.focus());
  };
  const submit = () => {
    if (busy) return;
    const r = reason.trim();
    setAsking(false);
    setReason('');
    onReject(r || undefined);
  };

  return (
    <div className="review-buttons" data-review={reviewId}>
      <button type="button" className="btn btn-primary btn-compact" aria-disabled={busy} aria-label={`Apply ${target}`} onClick={guard(onApply)}>
        Apply {noun}
      </button>
      {asking ? (
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
            aria-label={`Reason for rejecting ${target}`}
            aria-describedby={hintId}
            placeholder="Why? Tandem reads this"
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                close();
              }
            }}
          />
          <span id={hintId} className="offscreen">
            Enter rejects with this reason, Escape cancels.
          </span>
          <button type="submit" className="btn btn-secondary btn-compact" aria-disabled={busy} aria-label={`Reject ${target}`}>
            Reject
          </button>
          <button type="button" className="btn btn-ghost btn-compact" onClick={close}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="btn btn-secondary btn-compact" aria-disabled={busy} aria-label={`Reject ${target}`} onClick={guard(() => onReject())}>
            Reject {noun}
          </button>
          <button
            ref={toggle}
            type="button"
            className="btn btn-ghost btn-compact"
            aria-label={`Reject with reason: ${target}`}
            onClick={() => setAsking(true)}
          >
            Reject with reason…
          </button>
        </>
      )}
    </div>
  );
}
