// Read-only documents with a session's staged file contents, for the review diff:
// `tandem-staged:/src/a.ts?session=ID&side=staged` (side=empty: an empty document,
// the missing side of an added or deleted file). Contents refresh when staging changes.
import * as vscode from 'vscode';
import type { SessionManager } from '../session/sessionManager';
import type { StagingArea } from '../../core/index';

export const STAGED_SCHEME = 'tandem-staged';

export function stagedUri(path: string, sessionId: string, side: 'staged' | 'empty' = 'staged'): vscode.Uri {
  return vscode.Uri.from({ scheme: STAGED_SCHEME, path: `/${path}`, query: new URLSearchParams({ session: sessionId, side }).toString() });
}

/**
 * Opens the diff of a staged change: the workspace file (`fileUri` of its path, or of its
 * old path for a rename) against the staged version; an added or deleted file's missing
 * side is an empty document.
 */
export async function openStagedDiff(
  change: { path: string; kind: 'add' | 'modify' | 'delete' | 'rename'; from?: string },
  sessionId: string,
  fileUri: (path: string) => vscode.Uri,
): Promise<void> {
  const { path } = change;
  const left = change.kind === 'add' ? stagedUri(path, sessionId, 'empty') : fileUri(change.from ?? path);
  const right = change.kind === 'delete' ? stagedUri(path, sessionId, 'empty') : stagedUri(path, sessionId);
  const label = change.kind === 'rename' ? `${change.from} → ${path}` : path;
  await vscode.commands.executeCommand('vscode.diff', left, right, `${label} (workspace ↔ staged by Tandem)`, { preview: true });
}

export class StagedContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly served = new Map<string, vscode.Uri>();
  private watched: { staging: StagingArea; sub: { dispose(): void } } | undefined;

  constructor(private readonly sessions: SessionManager) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    if (query.get('side') === 'empty') return '';
    const session = this.sessions.current;
    if (!session || session.sessionId !== query.get('session')) return '(This staged version belongs to a session that is no longer open.)';
    this.served.set(uri.toString(), uri);
    this.watch(session.agent.staging);
    const bytes = await session.agent.staging.readFile(uri.path.replace(/^\//, ''));
    return bytes ? new TextDecoder().decode(bytes) : '';
  }

  private watch(staging: StagingArea): void {
    if (this.watched?.staging === staging) return;
    this.watched?.sub.dispose();
    const sub = staging.onDidChange(() => {
      for (const uri of this.served.values()) this.changed.fire(uri);
    });
    this.watched = { staging, sub };
  }

  dispose(): void {
    this.watched?.sub.dispose();
    this.changed.dispose();
  }
}
