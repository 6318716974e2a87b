// Webview entry: wires VS Code's message channel to the RPC client and the store, asks
// the host for a snapshot (`webview/ready`) and renders the app. Notifications are
// applied in per-frame batches (see state/store.ts).
import '../media/webview.css';
import '../media/chat.css';
import '../media/cards.css';
import '../media/subagents.css';
import '../media/panels.css';
import '../media/changes.css';
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
  (err: Error) => store.dispatch({ type: 'notice/show', kind: 'error', message: `Tandem could not start: ${err.message}` }),
);
