// The core's Workspace over VS Code (contract: src/core/workspace/types.ts).
// - Reads go through an open TextDocument when there is one, so the agent sees the
//   user's unsaved edits; otherwise vscode.workspace.fs.
// - applyEdits builds ONE WorkspaceEdit: text files get minimal line replacements
//   (computeLineEdits) against the document, so Undo works and untouched lines keep
//   their bytes; creates, deletes and renames are file operations of the same edit;
//   binary content is written with vscode.workspace.fs after it.
// - Every `expected` is re-checked right before building the edit (WorkspaceConflictError).
// - Documents that were not dirty before are saved afterwards (disk matches what was
//   accepted); documents with unsaved user edits stay dirty.
// - Paths resolving outside the folder, lexically or through symlinks, are refused.
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { canEditAsLines, lineEditRanges } from './workspaceText';
import type { DirEntry, FileStat, FileType, Workspace, WorkspaceFileEdit } from '../../core/index';
import { PathOutsideWorkspaceError, WorkspaceConflictError, asText, bytesEqual, computeLineEdits, encodeUtf8, isInsideRoot, normalizeFilePath, normalizeRelativePath } from '../../core/shared';

const BOM = '\uFEFF';

const typeOf = (t: vscode.FileType): FileType =>
  t & vscode.FileType.SymbolicLink ? 'symlink' : t & vscode.FileType.Directory ? 'directory' : t & vscode.FileType.File ? 'file' : 'other';

const isNotFound = (err: unknown) =>
  (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') || ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException)?.code ?? '');

export class VscodeWorkspace implements Workspace {
  private realRoot: Promise<string> | undefined;

  constructor(private readonly folder: vscode.Uri) {}

  get root(): string {
    return this.folder.fsPath;
  }

  async readFile(p: string): Promise<Uint8Array | undefined> {
    const uri = await this.resolve(normalizeRelativePath(p), p);
    const doc = this.openDocument(uri);
    // Only unsaved text comes from the document: a saved one is read from disk so a BOM
    // or the exact bytes are not lost (the document's text drops the BOM), which would
    // make the file look changed since staging.
    if (doc?.isDirty) return encodeUtf8(doc.getText());
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return doc ? encodeUtf8(doc.getText()) : undefined;
    }
  }

  async stat(p: string): Promise<FileStat | undefined> {
    const uri = await this.resolve(normalizeRelativePath(p), p);
    const doc = this.openDocument(uri);
    try {
      const s = await vscode.workspace.fs.stat(uri);
      const size = doc?.isDirty ? encodeUtf8(doc.getText()).length : s.size;
      return { type: typeOf(s.type), size, mtimeMs: s.mtime };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // An untitled-to-be file only exists as a document.
      return doc ? { type: 'file', size: encodeUtf8(doc.getText()).length, mtimeMs: Date.now() } : undefined;
    }
  }

  async readDir(p: string): Promise<DirEntry[]> {
    const uri = await this.resolve(normalizeRelativePath(p), p);
    try {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      return entries.map(([name, t]) => ({ name, type: typeOf(t) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async applyEdits(edits: WorkspaceFileEdit[]): Promise<void> {
    const plans = await Promise.all(edits.map((e) => this.plan(e)));
    for (const plan of plans) await this.checkExpected(plan);

    const edit = new vscode.WorkspaceEdit();
    const binary: { uri: vscode.Uri; content: Uint8Array }[] = [];
    const toSave: vscode.Uri[] = [];
    for (const { e, uri, to } of plans) {
      if (e.type === 'delete') {
        edit.deleteFile(uri, { ignoreIfNotExists: false });
      } else if (e.type === 'write') {
        const expected = e.expected;
        if (expected === undefined) edit.createFile(uri, { overwrite: false, contents: e.content });
        else if (!(await this.addTextEdits(edit, uri, uri, expected, e.content, toSave))) binary.push({ uri, content: e.content });
      } else {
        edit.renameFile(uri, to!, { overwrite: false });
        if (!bytesEqual(e.content, e.expected) && !(await this.addTextEdits(edit, uri, to!, e.expected, e.content, toSave))) {
          binary.push({ uri: to!, content: e.content });
        }
      }
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('VS Code did not apply the edit (a file may be read-only or locked).'));
    for (const { uri, content } of binary) await vscode.workspace.fs.writeFile(uri, content);
    for (const uri of toSave) {
      const doc = this.openDocument(uri);
      if (doc?.isDirty) await doc.save();
    }
  }

  /**
   * Adds minimal line replacements turning `expected` into `content` at `target`
   * (`source` is where the text lives now; they differ for renames). False when the
   * change is not text, or the document's text is not byte-for-byte `expected`
   * (BOM, mixed line endings normalised by the editor): the caller writes bytes.
   */
  private async addTextEdits(
    edit: vscode.WorkspaceEdit,
    source: vscode.Uri,
    target: vscode.Uri,
    expected: Uint8Array,
    content: Uint8Array,
    toSave: vscode.Uri[],
  ): Promise<boolean> {
    let oldText = asText(expected);
    let newText = asText(content);
    if (oldText === undefined || newText === undefined || !canEditAsLines(oldText)) return false;
    const wasOpen = this.openDocument(source);
    const doc = wasOpen ?? (await vscode.workspace.openTextDocument(source));
    const docText = doc.getText();
    // A document's text has no BOM; when both sides keep theirs, edit the text after it.
    if (docText !== oldText && oldText.startsWith(BOM) && newText.startsWith(BOM) && docText === oldText.slice(1)) {
      oldText = oldText.slice(1);
      newText = newText.slice(1);
    }
    if (docText !== oldText) return false;
    for (const r of lineEditRanges(oldText, computeLineEdits(oldText, newText))) {
      edit.replace(target, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), r.text);
    }
    if (!wasOpen?.isDirty) toSave.push(target);
    return true;
  }

  private async plan(e: WorkspaceFileEdit): Promise<{ e: WorkspaceFileEdit; uri: vscode.Uri; to?: vscode.Uri }> {
    if (e.type === 'rename') {
      const [uri, to] = await Promise.all([this.resolve(normalizeFilePath(e.from), e.from), this.resolve(normalizeFilePath(e.to), e.to)]);
      return { e, uri, to };
    }
    return { e, uri: await this.resolve(normalizeFilePath(e.path), e.path) };
  }

  private async checkExpected({ e }: { e: WorkspaceFileEdit }): Promise<void> {
    if (e.type === 'rename') {
      if (!bytesEqual(await this.readFile(e.from), e.expected)) throw new WorkspaceConflictError(e.from);
      if ((await this.stat(e.to)) !== undefined) throw new WorkspaceConflictError(e.to, 'a file with that name exists');
      return;
    }
    const current = await this.readFile(e.path);
    if (e.type === 'write' && e.expected === undefined && current !== undefined) throw new WorkspaceConflictError(e.path, 'a file with that name exists');
    if (!bytesEqual(current, e.expected)) throw new WorkspaceConflictError(e.path);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
  }

  /** The file's Uri after checking that it (or its nearest existing ancestor) really lives in the folder. */
  private async resolve(rel: string, original: string): Promise<vscode.Uri> {
    const uri = rel ? vscode.Uri.joinPath(this.folder, ...rel.split('/')) : this.folder;
    if (this.folder.scheme !== 'file') return uri;
    this.realRoot ??= fs.realpath(this.folder.fsPath);
    const root = await this.realRoot;
    let cur = uri.fsPath;
    for (let hops = 0; hops < 40; ) {
      try {
        if (!isInsideRoot(root, await fs.realpath(cur))) throw new PathOutsideWorkspaceError(original);
        return uri;
      } catch (err) {
        if (err instanceof PathOutsideWorkspaceError || !isNotFound(err)) throw err;
      }
      const link = await fs.lstat(cur).catch(() => undefined);
      if (link?.isSymbolicLink()) {
        // A dangling link: writing through it must not escape either.
        cur = path.resolve(path.dirname(cur), await fs.readlink(cur));
        hops++;
        continue;
      }
      const parent = path.dirname(cur);
      if (parent === cur) break;
      cur = parent;
    }
    throw new PathOutsideWorkspaceError(original);
  }
}
