// Keeps a rendering bug in one part (one chat row, one panel) from blanking the whole
// view: that part shows a short error instead, the rest keeps working.
import * as l10n from '@vscode/l10n';
import { Component, type ReactNode } from 'react';

interface Props {
  label: string;
  children: ReactNode;
  /** Changing this clears a caught error (e.g. the item was replaced). */
  resetKey?: unknown;
}

export class ErrorBoundary extends Component<Props, { error?: Error; key?: unknown }> {
  override state: { error?: Error; key?: unknown } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error?: Error; key?: unknown }) {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="banner banner-error" role="alert">
        <span className="banner-text">
          {l10n.t('Could not show {0}: {1}', this.props.label, this.state.error.message)}
        </span>
      </div>
    );
  }
}
