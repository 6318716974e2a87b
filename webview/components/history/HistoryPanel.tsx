// Past sessions: open one (resume), delete one (after an inline confirmation: confirm()
// is not available in webviews), or start a new chat.
import * as l10n from '@vscode/l10n';
import { useEffect, useState } from 'react';
import { Button } from '../ui/Button';
import { IconButton } from '../ui/IconButton';
import type { SessionSummary } from '../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../context';
import { formatDate } from '../../format';

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
  const untitled = l10n.t('Untitled chat');
  return (
    <section className="history" aria-label={l10n.t('Chat history')}>
      {!sorted && <p className="muted">{l10n.t('Loading…')}</p>}
      {sorted && sorted.length === 0 && <p className="muted">{l10n.t('No past chats yet.')}</p>}
      {sorted && sorted.length > 0 && (
        <ul className="session-list">
          {sorted.map((s) => (
            <li key={s.id} className="session" aria-current={s.id === current ? 'true' : undefined}>
              {confirming === s.id ? (
                <div className="session-confirm" role="group" aria-label={l10n.t('Delete “{0}”?', s.title || untitled)}>
                  <span>{l10n.t('Delete “{0}”?', s.title || untitled)}</span>
                  <Button danger autoFocus onClick={() => void remove(s)}>
                    {l10n.t('Delete')}
                  </Button>
                  <Button secondary onClick={() => setConfirming(undefined)}>
                    {l10n.t('Cancel')}
                  </Button>
                </div>
              ) : (
                <>
                  <button
                    type="button"
                    className="session-open"
                    aria-label={s.title || untitled}
                    aria-describedby={`session-meta-${s.id}`}
                    title={s.title || untitled}
                    onClick={() => void open(s.id)}
                  >
                    <span className="session-title" translate={s.title ? 'no' : undefined}>
                      {s.title || untitled}
                    </span>
                    <span className="session-meta muted" id={`session-meta-${s.id}`}>
                      {s.items === 1 ? l10n.t('{0} · 1 item', formatDate(s.updatedAt)) : l10n.t('{0} · {1} items', formatDate(s.updatedAt), s.items)}
                    </span>
                  </button>
                  <IconButton className="session-delete" icon="trash" label={l10n.t('Delete {0}', s.title || untitled)} title={l10n.t('Delete this chat')} onClick={() => setConfirming(s.id)} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
