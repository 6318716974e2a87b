// The whole view: header, then the setup screen, the history panel or the chat (list,
// staged changes, composer). Panel choice persists across reloads.
import { useEffect, useMemo, useState } from 'react';
import { AppContext, useCall, useDeps, useSelect, type AppDeps } from '../context';
import { copyText, MarkdownActionsContext, type MarkdownActions } from '../markdown/Markdown';
import { protocolMismatch } from '../state/reducer';
import { anyShown } from '../state/visible';
import { ChangesArea } from './changes/ChangesArea';
import { MessageList, REVEAL_APPROVAL_EVENT } from './chat/MessageList';
import { chatReviews } from '../state/reviews';
import { Composer } from './composer/Composer';
import { HistoryPanel } from './history/HistoryPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { SetupScreen } from './setup/SetupScreen';

export function App({ deps }: { deps: AppDeps }) {
  return (
    <AppContext.Provider value={deps}>
      <WithMarkdownActions>
        <Shell />
      </WithMarkdownActions>
    </AppContext.Provider>
  );
}

function WithMarkdownActions({ children }: { children: React.ReactNode }) {
  const call = useCall();
  const actions = useMemo<MarkdownActions>(
    () => ({
      openLink: (href) => void call('link/open', { href }),
      insertCode: (code) => void call('code/insert', { code }),
      copy: copyText,
    }),
    [call],
  );
  return <MarkdownActionsContext.Provider value={actions}>{children}</MarkdownActionsContext.Provider>;
}

function Shell() {
  const { ui, store } = useDeps();
  const call = useCall();
  const ready = useSelect((s) => s.ready);
  const config = useSelect((s) => s.config);
  const title = useSelect((s) => s.title);
  const mismatch = useSelect(protocolMismatch);
  const [panel, setPanel] = useState(() => ui.get().panel);
  useEffect(() => ui.update({ panel }), [ui, panel]);

  const newChat = async () => {
    const snapshot = await call('session/new', {});
    if (snapshot) {
      ui.update({ scroll: { atBottom: true } });
      store.dispatch({ type: 'state/snapshot', params: snapshot });
      setPanel('chat');
    }
  };

  const setup = config?.setupNeeded !== undefined;
  return (
    <div className="app">
      <header className="header">
        <h1 className="header-title" title={title}>
          {setup ? 'Tandem' : panel === 'history' ? 'History' : title || 'New chat'}
        </h1>
        {!setup && ready && (
          <nav className="header-actions" aria-label="Chat">
            <button type="button" className="btn btn-ghost" onClick={() => void newChat()}>
              New chat
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              aria-pressed={panel === 'history'}
              onClick={() => setPanel(panel === 'history' ? 'chat' : 'history')}
            >
              History
            </button>
          </nav>
        )}
      </header>
      {mismatch && (
        <div className="banner banner-error" role="alert">
          This view does not match the installed Tandem extension. Reload the window.
        </div>
      )}
      <Notices />
      <ErrorBoundary label={panel === 'history' ? 'the history' : 'the chat'} resetKey={`${panel}:${setup}`}>
        {!ready || !config ? (
          <div className="loading" role="status">
            Connecting to Tandem…
          </div>
        ) : setup ? (
          <SetupScreen config={config} />
        ) : panel === 'history' ? (
          <HistoryPanel onOpened={() => setPanel('chat')} />
        ) : (
          <Chat />
        )}
      </ErrorBoundary>
    </div>
  );
}

function Chat() {
  const config = useSelect((s) => s.config);
  // a `/review` in the empty chat shows in the conversation
  const empty = useSelect((s) => !anyShown(s.items, s.done, s.running) && chatReviews(s.reviews, s.sessionId).length === 0);
  const approvals = useSelect((s) => s.approvals.length);
  return (
    <main className="chat" aria-label="Chat">
      {config && !config.trusted && (
        <div className="banner banner-warning">Restricted Mode: this folder is not trusted, so Tandem can only read files.</div>
      )}
      {config?.sandboxUnavailable && (
        <div className="banner banner-warning">Commands run without a sandbox: {config.sandboxUnavailable}</div>
      )}
      {empty ? (
        <div className="empty">
          <p className="empty-title">Ask Tandem to explain, fix or build something.</p>
          <p className="muted">Edits are staged for your review before they touch your files. Type @ to mention a file.</p>
        </div>
      ) : (
        <MessageList />
      )}
      {approvals > 0 && (
        <div className="waiting" role="status">
          <span>Tandem is waiting for your approval.</span>
          <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event(REVEAL_APPROVAL_EVENT))}>
            Review
          </button>
        </div>
      )}
      <ErrorBoundary label="the staged changes">
        <ChangesArea />
      </ErrorBoundary>
      <ErrorBoundary label="the composer">
        <Composer />
      </ErrorBoundary>
    </main>
  );
}
