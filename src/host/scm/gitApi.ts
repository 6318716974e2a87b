// The part of the built-in git extension's API (vscode.git, getAPI(1)) that Tandem uses,
// typed here rather than copying its whole git.d.ts. Shapes follow that file.
import * as vscode from 'vscode';

export interface GitCommit {
  readonly hash: string;
  readonly message: string;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  /** `cached`: the staged diff (git diff --cached). */
  diff(cached?: boolean): Promise<string>;
  log(options?: { maxEntries?: number }): Promise<GitCommit[]>;
}

export interface GitApi {
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtension {
  getAPI(version: 1): GitApi;
}

/** The git API, activating the git extension if needed; undefined when git is disabled or missing. */
export async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  try {
    return exports.getAPI(1);
  } catch {
    return undefined; // git.enabled is false
  }
}

/**
 * The repository a command is about: the Source Control view passes its SourceControl
 * (rootUri); from the palette, the active editor's repository, else the only one.
 */
export function pickRepository(api: GitApi, arg: unknown): GitRepository | undefined {
  const root = (arg as { rootUri?: vscode.Uri } | undefined)?.rootUri;
  if (root instanceof vscode.Uri) {
    const repo = api.getRepository(root);
    if (repo) return repo;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const repo = api.getRepository(active);
    if (repo) return repo;
  }
  return api.repositories[0];
}
