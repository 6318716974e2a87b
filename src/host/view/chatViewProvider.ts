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

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly channel: Pick<WebviewChannel, 'attach' | 'detach'>,
    private readonly router: Router,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
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
      }),
    ];
    view.onDidDispose(() => {
      this.channel.detach(send);
      if (this.view === view) this.view = undefined;
      for (const s of subs) s.dispose();
    });
    webview.html = renderHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    // The page takes a while to load; evaluate the inbound validator meanwhile.
    preloadValidator();
  }

  /** Reveals the view (commands). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(false);
    else await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }
}
