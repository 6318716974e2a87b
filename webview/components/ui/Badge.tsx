// A small status label (sandboxed, stale, exit 0, …): text, an optional codicon, a tone
// that colours its outline and text from the theme. Light DOM: many rows carry one.
import type { ReactNode } from 'react';
import { Icon } from './Icon';

export type BadgeTone = 'neutral' | 'ok' | 'warning' | 'error' | 'muted';

export interface BadgeProps {
  tone?: BadgeTone;
  icon?: string;
  title?: string;
  /** Extra classes naming what the badge says (e.g. `badge-sandboxed`), for styles and tests. */
  className?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', icon, title, className, children }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}${className ? ` ${className}` : ''}`} title={title}>
      {icon && <Icon name={icon} />}
      {children}
    </span>
  );
}
