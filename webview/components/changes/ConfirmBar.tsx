// An inline "are you sure?" row: the question, the confirming button (focused when the
// row appears, so Enter confirms and Tab reaches Cancel) and Cancel. Escape cancels.
// On cancel, focus returns to what had it before the row appeared.
import { useRef } from 'react';

export interface ConfirmBarProps {
  message: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmBar({ message, confirmLabel, danger, busy, onConfirm, onCancel }: ConfirmBarProps) {
  // captured on the first render, before autoFocus moves the focus here
  const opener = useRef<Element | null>(typeof document !== 'undefined' ? document.activeElement : null);
  const cancel = () => {
    onCancel();
    const el = opener.current;
    if (el instanceof HTMLElement) requestAnimationFrame(() => el.isConnected && el.focus());
  };
  return (
    <div
      className="confirm-bar"
      role="group"
      aria-label={message}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          cancel();
        }
      }}
    >
      <span className="warning-text confirm-text">{message}</span>
      <span className="confirm-buttons">
        <button
          type="button"
          className={`btn btn-compact ${danger ? 'btn-danger' : 'btn-primary'}`}
          autoFocus
          aria-disabled={busy}
          onClick={() => !busy && onConfirm()}
        >
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary btn-compact" onClick={cancel}>
          Cancel
        </button>
      </span>
    </div>
  );
}
