// A compact icon-only button styled as VS Code's toolbar buttons. Every one has an
// accessible name (`label`) and a tooltip (`title`, defaulting to the label, with the
// shortcut when there is one). A native <button>: it focuses, clicks on Enter/Space and
// keeps focus management (.focus(), querySelector('button')) plain. `busy` keeps it
// focusable (aria-disabled) and ignores clicks: a disabled button would drop the
// keyboard focus to the page.
import { forwardRef, type ButtonHTMLAttributes } from 'react';
import { Icon } from './Icon';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'title'> {
  icon: string;
  label: string;
  title?: string;
  busy?: boolean;
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { icon, label, title, busy, className, onClick, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type="button"
      className={`icon-button${className ? ` ${className}` : ''}`}
      aria-label={label}
      title={title ?? label}
      aria-disabled={busy || undefined}
      onClick={busy ? undefined : onClick}
      {...rest}
    >
      <Icon name={icon} />
    </button>
  );
});
