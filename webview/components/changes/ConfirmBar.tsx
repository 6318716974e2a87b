// An inline "are you sure?" row: the question, the confirming button (focused when the
// row appears, so Enter confirms and Tab reaches Cancel) and Cancel. Escape cancels.
// On cancel, focus returns to what had it before the row appeared.
import * as l10n from '@vscode/l10n';
import { useRef } from 'react';
import { Button } from '../ui/Button';

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
        <Button danger={danger} autoFocus busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button secondary onClick={cancel}>
          {l10n.t('Cancel')}
        </Button>
      </span>
    </div>
  );
}
