// Webview entry: wires VS Code's message channel to the RPC client and the store, asks
// the host for a snapshot (`webview/ready`) and renders the app. Notifications are
// applied in per-frame batches (see state/store.ts).
// First: the l10n bundle loads before any component module is evaluated.
import './l10n';
// VS Code's web components the views render as tags (components/ui); registered here,
// in the browser only, so unit tests render without Lit.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import * as l10n from '@vscode/l10n';
import '../media/webview.css';
import '../media/chat.css';
import '../media/cards.css';
import '../media/subagents.css';
import '../media/steer.css';
import '../media/panels.css';
import '../media/changes.css';
import '../media/ui.css';
import '../media/highlight.css';
import '../media/extend.css';
import '../media/review.css';
import { createRoot } from 'react-dom/client';
import { PROTOCOL_VERSION } from '../src/protocol';
import { App } from './components/App';
import { RpcClient } from './rpc/client';
import { fromNotification } from './state/reducer';
import { createStore } from './state/store';
import { createUiStatePersister, getVsCodeApi } from './vscodeApi';

const api = getVsCodeApi();
const store = createStore();
const rpc = new RpcClient(api, (n) => store.enqueue(fromNotification(n)));
const ui = createUiStatePersister(api);

window.addEventListener('message', (e: MessageEvent) => {
  rpc.handleMessage(e.data);
});

let root = document.getElementById('root');
if (!root) {
  root = document.createElement('div');
  root.id = 'root';
  document.body.appendChild(root);
}
createRoot(root).render(<App deps={{ rpc, store, ui }} />);

rpc.request('webview/ready', { protocolVersion: PROTOCOL_VERSION }).then(
  (snapshot) => store.dispatch({ type: 'state/snapshot', params: snapshot }),
  (err: Error) => store.dispatch({ type: 'notice/show', kind: 'error', message: l10n.t('Tandem could not start: {0}', err.message) }),
);
