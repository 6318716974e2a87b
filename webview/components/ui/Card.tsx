// A bordered block in the chat or a panel: an optional codicon and title, actions at the
// right of the head, then the body. `tone` colours the edge (warning, error, accent).
import type { ReactNode } from 'react';
import { Icon } from './Icon';

export interface CardProps {
  title?: ReactNode;
  icon?: string;
  tone?: 'accent' | 'error' | 'warning';
  actions?: ReactNode;
  /** The card is a group named by this label (screen readers). */
  label?: string;
  className?: string;
  children?: ReactNode;
}

export function Card({ title, icon, tone, actions, label, className, children }: CardProps) {
  return (
    <div className={`card${tone ? ` card-${tone}` : ''}${className ? ` ${className}` : ''}`} role={label ? 'group' : undefined} aria-label={label}>
      {(title || icon || actions) && (
        <div className="card-head">
          {icon && <Icon name={icon} className="card-icon" />}
          {title && <span className="card-title">{title}</span>}
          {actions && <span className="card-actions">{actions}</span>}
        </div>
      )}
      {children}
    </div>
  );
}
