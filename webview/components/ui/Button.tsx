// A text button: VS Code's own <vscode-button> (@vscode-elements/elements), primary or
// secondary, with an optional codicon before the label. Its role and keyboard handling
// come from the element; the label is its accessible name. `busy` keeps it focusable
// (aria-disabled, clicks ignored); `disabled` takes it out of the tab order.
import type { MouseEvent, ReactNode } from 'react';

export interface ButtonProps {
  children: ReactNode;
  onClick?: (e: MouseEvent<HTMLElement>) => void;
  secondary?: boolean;
  icon?: string;
  busy?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Accessible name when it must say more than the visible label. */
  label?: string;
  title?: string;
  className?: string;
  type?: 'button' | 'submit';
  /** Danger buttons keep the secondary look plus an error outline. */
  danger?: boolean;
}

const flag = (on: boolean | undefined) => (on ? '' : undefined);

export function Button({ children, onClick, secondary, icon, busy, disabled, autoFocus, label, title, className, type, danger }: ButtonProps) {
  const classes = ['button', danger ? 'button-danger' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <vscode-button
      class={classes}
      secondary={flag(secondary || danger)}
      disabled={flag(disabled)}
      autofocus={flag(autoFocus)}
      icon={icon}
      type={type}
      aria-label={label}
      title={title}
      aria-disabled={busy ? 'true' : undefined}
      onClick={busy || disabled ? undefined : onClick}
    >
      {children}
    </vscode-button>
  );
}
