// Past sessions: open one (resume), delete one (after an inline confirmation: confirm()
// is not available in webviews), or start a new chat.
import { useEffect, useState } from 'react';
import type { SessionSummary } from '../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../context';
import { formatDate, plural } from '../../format';

export function HistoryPanel({ onOpened }: { onOpened(): void }) {
  const call = useCall();
  const { store } = useDeps();
  const sessions = useSelect((s) => s.sessions);
  const current = useSelect((s) => s.sessionId);
  const [confirming, setConfirming] = useState<string>();

  useEffect(() => {
    void call('session/list', {}).then((res) => {
      if (res) store.dispatch({ type: 'sessions/updated', params: res });
    });
  }, [call, store]);

  const open = async (id: string) => {
    const snapshot = await call('session/open', { sessionId: id });
    if (snapshot) {
      store.dispatch({ type: 'state/snapshot', params: snapshot });
      onOpened();
    }
  };
  const remove = async (s: SessionSummary) => {
    setConfirming(undefined);
    const ok = await call('session/delete', { sessionId: s.id });
    const held = store.getState().sessions;
    if (ok && held) store.dispatch({ type: 'sessions/updated', params: { sessions: held.filter((x) => x.id !== s.id) } });
  };

  const sorted = sessions ? [...sessions].sort((a, b) => b.updatedAt - a.updatedAt) : undefined;
  return (
    <section className="history" aria-label="Chat history">
      {!sorted && <p className="muted">Loading…</p>}
      {sorted && sorted.length === 0 && <p className="muted">No past chats yet.</p>}
      {sorted && sorted.length > 0 && (
        <ul className="session-list">
          {sorted.map((s) => (
            <li key={s.id} className="session" aria-current={s.id === current ? 'true' : undefined}>
              {confirming === s.id ? (
                <div className="session-confirm" role="group" aria-label={`Delete ${s.title || 'Untitled chat'}?`}>
                  <span>Delete “{s.title || 'Untitled chat'}”?</span>
                  <button type="button" className="btn btn-danger" autoFocus onClick={() => void remove(s)}>
                    Delete
                  </button>
                  <button type="button" className="btn btn-secondary" onClick={() => setConfirming(undefined)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <>
                  <button
                    type="button"
                    className="session-open"
                    aria-label={s.title || 'Untitled chat'}
                    aria-describedby={`session-meta-${s.id}`}
                    onClick={() => void open(s.id)}
                  >
                    <span className="session-title">{s.title || 'Untitled chat'}</span>
                    <span className="session-meta muted" id={`session-meta-${s.id}`}>
                      {formatDate(s.updatedAt)} · {plural(s.items, 'item')}
                    </span>
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small session-delete"
                    aria-label={`Delete ${s.title || 'Untitled chat'}`}
                    onClick={() => setConfirming(s.id)}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
