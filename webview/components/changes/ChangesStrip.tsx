// Staged changes waiting for review, above the composer: each file with +/- (opens its
// diff) and Apply all / Discard all. Discarding asks once more, since it drops the
// agent's work. The per-hunk review is a separate component built on the same data.
import { useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../context';
import { plural } from '../../format';
import { LineCounts } from '../chat/items/Cards';

export function ChangesStrip() {
  const changes = useSelect((s) => s.changes);
  if (changes.length === 0) return null;
  return <ChangesSummary changes={changes} />;
}

export function ChangesSummary({ changes }: { changes: ChangedFileSummary[] }) {
  const call = useCall();
  const { store } = useDeps();
  const [open, setOpen] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [busy, setBusy] = useState(false);
  const added = changes.reduce((n, c) => n + c.added, 0);
  const removed = changes.reduce((n, c) => n + c.removed, 0);

  const run = async (method: 'changes/apply' | 'changes/reject') => {
    setBusy(true);
    setConfirmDiscard(false);
    const res = await call(method, {});
    setBusy(false);
    if (res?.message) store.dispatch({ type: 'notice/show', kind: 'info', message: res.message });
  };

  return (
    <section className="changes" aria-label="Staged changes">
      <div className="changes-head">
        <button type="button" className="link-button changes-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {plural(changes.length, 'file')} changed
        </button>
        <LineCounts added={added} removed={removed} />
        <span className="spacer" />
        {confirmDiscard ? (
          <>
            <span className="warning-text">Discard all?</span>
            <button type="button" className="btn btn-danger" disabled={busy} autoFocus onClick={() => void run('changes/reject')}>
              Discard
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmDiscard(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setConfirmDiscard(true)}>
              Discard all
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('changes/apply')}>
              Apply all
            </button>
          </>
        )}
      </div>
      {open && (
        <ul className="file-list changes-list">
          {changes.map((c) => (
            <li key={c.path} className="file-row">
              <button
                type="button"
                className="link-button file-path"
                aria-label={`Open diff of ${c.path}`}
                title={c.from ? `${c.from} → ${c.path}` : c.path}
                onClick={() => void call('changes/openDiff', { path: c.path })}
              >
                {c.path}
              </button>
              {c.binary ? <span className="muted">binary</span> : <LineCounts added={c.added} removed={c.removed} />}
              {c.stale && <span className="badge badge-warning" title="The file changed on disk since this edit was staged">stale</span>}
              {c.protected && <span className="badge badge-warning" title={c.protected}>protected</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
