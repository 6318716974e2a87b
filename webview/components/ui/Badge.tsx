// A small status label (sandboxed, stale, exit 0, …): text, an optional codicon, a tone
// that colours its outline and text from the theme. Light DOM: many rows carry one.
import type { ReactNode } from 'react';
import { Icon } from './Icon';

export type BadgeTone = 'neutral' | 'ok' | 'warning' | 'error' | 'muted';

export function Badge({ tone = 'neutral', icon, title, children }: { tone?: BadgeTone; icon?: string; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {icon && <Icon name={icon} />}
      {children}
    </span>
  );
}
