// The sidebar chat (`tandem.chat`). No retainContextWhenHidden: the webview keeps its
// own UI state with setState and asks for a snapshot (webview/ready) each time it
// loads; while it is hidden the host keeps running and simply stops posting.
import * as vscode from 'vscode';
import type { HostToWebview } from '../../protocol/messages';
import type { WebviewChannel } from '../rpc/webviewChannel';
import type { Router } from '../rpc/router';
import { makeNonce, renderHtml } from './html';
import { preloadValidator } from '../rpc/lazyValidate';

export const CHAT_VIEW_ID = 'tandem.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private badge: vscode.ViewBadge | undefined;
  private readonly visibility = new vscode.EventEmitter<void>();
  /** Fires when the view is shown, hidden or disposed (attention badge and notices). */
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly channel: Pick<WebviewChannel, 'attach' | 'detach'>,
    private readonly router: Router,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.badge = this.badge;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const webview = view.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [dist, vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    const send = (message: HostToWebview) => webview.postMessage(message);
    // Attach before setting html: the webview's first message is webview/ready.
    this.channel.attach(send);
    const subs = [
      webview.onDidReceiveMessage((message: unknown) => void this.router.dispatch(message)),
      view.onDidChangeVisibility(() => {
        // Hidden without retained context means the page is gone; it re-sends webview/ready.
        if (!view.visible) this.channel.detach(send);
        else this.channel.attach(send);
        this.visibility.fire();
      }),
    ];
    view.onDidDispose(() => {
      this.channel.detach(send);
      if (this.view === view) this.view = undefined;
      this.visibility.fire();
      for (const s of subs) s.dispose();
    });
    webview.html = renderHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'media', 'codicon.css')).toString(),
      lang: vscode.env.language,
      // the webview's strings come from the host's bundle (undefined in English)
      l10n: vscode.l10n.bundle,
    });
    // The page takes a while to load; evaluate the inbound validator meanwhile.
    preloadValidator();
  }

  visible(): boolean {
    return this.view?.visible === true;
  }

  /** The badge on the Tandem view (kept for a view resolved later). */
  setBadge(badge: vscode.ViewBadge | undefined): void {
    if (this.badge?.value === badge?.value && this.badge?.tooltip === badge?.tooltip) return;
    this.badge = badge;
    if (this.view) this.view.badge = badge;
  }

  /** Reveals the view (commands). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(false);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }
}
