// The Changes area's header: `<n> files changed` (expands the list), the totals and
// what needs attention (stale, protected), Apply all and Discard all. Discarding asks
// once more, since it drops the agent's work; Apply all asks when protected files
// (settings, .vscode, git hooks...) are among the pending ones.
import * as l10n from '@vscode/l10n';
import { useRef, useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { LineCounts } from '../chat/items/Cards';
import { Badge } from '../ui/Badge';
import { Icon } from '../ui/Icon';
import { IconButton } from '../ui/IconButton';
import { ConfirmBar } from './ConfirmBar';
import type { ReviewVerb } from './useReview';

export interface ChangesHeaderProps {
  changes: ChangedFileSummary[];
  open: boolean;
  busy: boolean;
  onToggle: () => void;
  onAct: (verb: ReviewVerb) => void;
}

export function ChangesHeader({ changes, open, busy, onToggle, onAct }: ChangesHeaderProps) {
  const [asking, setAsking] = useState<'discard' | 'apply' | null>(null);
  const discardButton = useRef<HTMLButtonElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const n = changes.length;
  // the buttons are replaced by the question while it is asked: give them the focus back
  const cancel = () => {
    const back = asking === 'discard' ? discardButton : applyButton;
    setAsking(null);
    requestAnimationFrame(() => back.current?.focus());
  };
  const added = changes.reduce((n, c) => n + c.added, 0);
  const removed = changes.reduce((n, c) => n + c.removed, 0);
  const stale = changes.filter((c) => c.stale).length;
  const protectedPaths = changes.filter((c) => c.protected).map((c) => c.path);

  const run = (verb: ReviewVerb) => {
    setAsking(null);
    onAct(verb);
  };

  return (
    <div className="changes-header">
      <div className="changes-head">
        <button type="button" className="changes-toggle" aria-expanded={open} onClick={onToggle}>
          <Icon name={open ? 'chevron-down' : 'chevron-right'} className="twisty" />
          {n === 1 ? l10n.t('1 file changed') : l10n.t('{0} files changed', n)}
        </button>
        <LineCounts added={added} removed={removed} />
        {stale > 0 && <Badge tone="warning">{l10n.t('{0} stale', stale)}</Badge>}
        {protectedPaths.length > 0 && <Badge tone="warning">{l10n.t('{0} protected', protectedPaths.length)}</Badge>}
        <span className="spacer" />
        {asking === null && (
          <span className="changes-actions">
            <IconButton ref={discardButton} icon="discard" label={l10n.t('Discard all')} title={l10n.t('Discard all staged changes')} busy={busy} onClick={() => setAsking('discard')} />
            <IconButton
              ref={applyButton}
              icon="check-all"
              className="icon-button-apply"
              label={l10n.t('Apply all')}
              title={l10n.t('Apply all staged changes')}
              busy={busy}
              onClick={() => (protectedPaths.length > 0 ? setAsking('apply') : run('apply'))}
            />
          </span>
        )}
      </div>
      {asking === 'discard' && (
        <ConfirmBar
          message={n === 1 ? l10n.t('Discard the staged file?') : l10n.t('Discard all {0} staged files?', n)}
          confirmLabel={l10n.t('Discard')}
          danger
          busy={busy}
          onConfirm={() => run('reject')}
          onCancel={cancel}
        />
      )}
      {asking === 'apply' && (
        <ConfirmBar
          message={l10n.t('Apply all includes protected files: {0}. Apply anyway?', protectedPaths.join(', '))}
          confirmLabel={l10n.t('Apply all anyway')}
          danger
          busy={busy}
          onConfirm={() => run('apply')}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
