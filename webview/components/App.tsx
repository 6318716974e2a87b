// The whole view: a slim header (the session's title, whole on hover), then the setup
// screen, the history panel or the chat (list or first screen, staged changes,
// composer). New chat, History and Settings are the view's own title-bar actions
// (package.json view/title); History arrives as panel/show. The panel persists across
// reloads.
import * as l10n from '@vscode/l10n';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AppContext, useCall, useDeps, useSelect, type AppDeps } from '../context';
import { copyText, MarkdownActionsContext, type MarkdownActions } from '../markdown/Markdown';
import { protocolMismatch } from '../state/reducer';
import { anyShown } from '../state/visible';
import { ChangesArea } from './changes/ChangesArea';
import { MessageList, REVEAL_APPROVAL_EVENT } from './chat/MessageList';
import { chatReviews } from '../state/reviews';
import { Composer } from './composer/Composer';
import { FirstScreen } from './chat/FirstScreen';
import { HistoryPanel } from './history/HistoryPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { Notices } from './Notices';
import { SetupScreen } from './setup/SetupScreen';
import { IconButton } from './ui/IconButton';

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

/** The panel the title bar asked for (panel/show), applied once per request. */
function usePanel(): ['chat' | 'history', (p: 'chat' | 'history') => void] {
  const { ui } = useDeps();
  const request = useSelect((s) => s.panelRequest);
  const [panel, setPanel] = useState(() => ui.get().panel);
  useEffect(() => ui.update({ panel }), [ui, panel]);
  const seen = useRef(request?.seq);
  useEffect(() => {
    if (!request || request.seq === seen.current) return;
    seen.current = request.seq;
    setPanel((now) => (request.toggle && now === request.panel ? 'chat' : request.panel));
  }, [request]);
  return [panel, setPanel];
}

function Shell() {
  const ready = useSelect((s) => s.ready);
  const config = useSelect((s) => s.config);
  const title = useSelect((s) => s.title);
  const running = useSelect((s) => s.running);
  const mismatch = useSelect(protocolMismatch);
  const [panel, setPanel] = usePanel();

  const setup = config?.setupNeeded !== undefined;
  const history = !setup && panel === 'history';
  const heading = setup ? l10n.t('Set up Tandem') : history ? l10n.t('History') : title || l10n.t('New chat');
  return (
    <div className="app">
      <header className="header">
        {history && <IconButton icon="arrow-left" label={l10n.t('Back to the chat')} onClick={() => setPanel('chat')} />}
        {/* the whole title on hover: the header has room for a line only */}
        <h1 className="header-title" title={heading} translate={title && !history && !setup ? 'no' : undefined}>
          {heading}
        </h1>
        {running && !history && !setup && <span className="header-status">{l10n.t('Working…')}</span>}
      </header>
      {mismatch && (
        <div className="banner banner-error" role="alert">
          {l10n.t('This view does not match the installed Tandem extension. Reload the window.')}
        </div>
      )}
      <Notices />
      <ErrorBoundary label={history ? l10n.t('the history') : l10n.t('the chat')} resetKey={`${panel}:${setup}`}>
        {!ready || !config ? (
          <div className="loading" role="status">
            {l10n.t('Connecting to Tandem…')}
          </div>
        ) : setup ? (
          <SetupScreen config={config} />
        ) : history ? (
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
    <main className="chat" aria-label={l10n.t('Chat')}>
      {config && !config.trusted && (
        <div className="banner banner-warning">{l10n.t('Restricted Mode: this folder is not trusted, so Tandem can only read files.')}</div>
      )}
      {empty ? <FirstScreen /> : <MessageList />}
      {approvals > 0 && (
        <div className="waiting" role="status">
          <span>{l10n.t('Tandem is waiting for your approval.')}</span>
          <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event(REVEAL_APPROVAL_EVENT))}>
            {l10n.t('Review')}
          </button>
        </div>
      )}
      <ErrorBoundary label={l10n.t('the staged changes')}>
        <ChangesArea />
      </ErrorBoundary>
      <ErrorBoundary label={l10n.t('the composer')}>
        <Composer />
      </ErrorBoundary>
    </main>
  );
}
