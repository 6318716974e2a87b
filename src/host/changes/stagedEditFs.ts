// The staged version of a file, opened EDITABLE (`tandem-staged-edit:`): saving writes
// the text back into the staging area (staging.writeFile) and queues a note for the
// agent saying what the user changed (staging.noteDecision), delivered with the review
// decisions on its next request. Nothing here touches the workspace.
// Contract: only files that are staged (not deletions) in the OPEN session can be read
// or written; anything else is a clear FileSystemError. Files cannot be created,
// deleted or renamed here.
import * as vscode from 'vscode';
import type { PendingChanges } from './pendingChanges';
import { userEditNote } from './editNote';
import { parseReviewUri, STAGED_EDIT_SCHEME } from './uris';
import { asText } from '../../core/shared';

export class StagedEditFs implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  /** mtime per served uri: bumped when the staged content changes under an open editor. */
  private readonly mtimes = new Map<string, number>();
  private readonly sub: { dispose(): void };

  constructor(private readonly pending: PendingChanges) {
    this.sub = pending.onDidChange(() => {
      const events: vscode.FileChangeEvent[] = [];
      for (const key of this.mtimes.keys()) {
        this.mtimes.set(key, Date.now());
        events.push({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(key) });
      }
      if (events.length) this.emitter.fire(events);
    });
  }

  private target(uri: vscode.Uri): { path: string; agent: NonNullable<ReturnType<PendingChanges['agent']>> } {
    const ref = parseReviewUri(uri, undefined);
    const agent = this.pending.agent();
    if (!ref || uri.scheme !== STAGED_EDIT_SCHEME) throw vscode.FileSystemError.FileNotFound(uri);
    if (!agent || agent.sessionId !== ref.sessionId) {
      throw vscode.FileSystemError.Unavailable(`The session that staged ${ref.path} is no longer open.`);
    }
    return { path: ref.path, agent };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { path, agent } = this.target(uri);
    const bytes = await agent.staging.readFile(path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    const key = uri.toString();
    if (!this.mtimes.has(key)) this.mtimes.set(key, Date.now());
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtimes.get(key)!, size: bytes.length };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { path, agent } = this.target(uri);
    const bytes = await agent.staging.readFile(path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    const { path, agent } = this.target(uri);
    const change = (await agent.changes()).find((c) => c.path === path);
    if (!change || change.kind === 'delete') {
      throw vscode.FileSystemError.NoPermissions(`Nothing is staged for ${path} any more (applied or rejected); your text was not saved anywhere.`);
    }
    if (!options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    const before = await agent.staging.readFile(path);
    await agent.staging.writeFile(path, content);
    const beforeText = before ? asText(before) : '';
    const afterText = asText(content);
    const note =
      beforeText !== undefined && afterText !== undefined
        ? userEditNote(path, beforeText, afterText)
        : `the user replaced your staged version of ${path} with their own content`;
    if (note) await agent.staging.noteDecision?.(note);
    this.mtimes.set(uri.toString(), Date.now());
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
