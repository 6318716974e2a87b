// URIs of the review features. `tandem-staged:` (read-only, src/host/editor/stagedContent.ts)
// carries the path and ?session=; `tandem-staged-edit:/<sessionId>/<path>` is the
// editable staged file (stagedEditFs.ts): the session id is the first path segment so
// that path operations on the URI (dirname, basename, language detection) behave.
import * as vscode from 'vscode';
import { STAGED_SCHEME } from '../editor/stagedContent';

export const STAGED_EDIT_SCHEME = 'tandem-staged-edit';

export function stagedEditUri(path: string, sessionId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: STAGED_EDIT_SCHEME, path: `/${encodeURIComponent(sessionId)}/${path}` });
}

export interface StagedRef {
  path: string;
  sessionId?: string;
}

/** The workspace-relative path (and session) a review URI is about; undefined for others. */
export function parseReviewUri(uri: vscode.Uri, folder: vscode.Uri | undefined): StagedRef | undefined {
  if (uri.scheme === STAGED_SCHEME) {
    const session = new URLSearchParams(uri.query).get('session') ?? undefined;
    return { path: uri.path.replace(/^\//, ''), ...(session ? { sessionId: session } : {}) };
  }
  if (uri.scheme === STAGED_EDIT_SCHEME) {
    const m = /^\/([^/]+)\/(.+)$/.exec(uri.path);
    return m ? { sessionId: decodeURIComponent(m[1]), path: m[2] } : undefined;
  }
  const path = folder ? workspacePath(folder, uri) : undefined;
  return path ? { path } : undefined;
}

/** Workspace-relative POSIX path of a file in the folder, else undefined. */
export function workspacePath(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return undefined;
  const base = folder.path.replace(/\/$/, '');
  return uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : undefined;
}
