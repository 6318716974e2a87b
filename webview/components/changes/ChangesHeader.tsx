// The Changes area's header: `<n> files changed` (expands the list), the totals and
// what needs attention (stale, protected), Apply all and Discard all. Discarding asks
// once more, since it drops the agent's work; Apply all asks when protected files
// (settings, .vscode, git hooks...) are among the pending ones.
import { useRef, useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { plural } from '../../format';
import { LineCounts } from '../chat/items/Cards';
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
        <button type="button" className="link-button changes-toggle" aria-expanded={open} onClick={onToggle}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {plural(changes.length, 'file')} changed
        </button>
        <LineCounts added={added} removed={removed} />
        {stale > 0 && <span className="badge badge-warning">{stale} stale</span>}
        {protectedPaths.length > 0 && <span className="badge badge-warning">{protectedPaths.length} protected</span>}
        <span className="spacer" />
        {asking === null && (
          <span className="changes-actions">
            <button
              ref={discardButton}
              type="button"
              className="btn btn-secondary btn-compact"
              aria-disabled={busy}
              onClick={() => !busy && setAsking('discard')}
            >
              Discard all
            </button>
            <button
              ref={applyButton}
              type="button"
              className="btn btn-primary btn-compact"
              aria-disabled={busy}
              onClick={() => !busy && (protectedPaths.length > 0 ? setAsking('apply') : run('apply'))}
            >
              Apply all
            </button>
          </span>
        )}
      </div>
      {asking === 'discard' && (
        <ConfirmBar
          message={`Discard all ${plural(changes.length, 'staged file')}?`}
          confirmLabel="Discard"
          danger
          busy={busy}
          onConfirm={() => run('reject')}
          onCancel={cancel}
        />
      )}
      {asking === 'apply' && (
        <ConfirmBar
          message={`Apply all includes protected ${protectedPaths.length === 1 ? 'file' : 'files'} ${protectedPaths.join(', ')}. Apply anyway?`}
          confirmLabel="Apply all anyway"
          danger
          busy={busy}
          onConfirm={() => run('apply')}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
