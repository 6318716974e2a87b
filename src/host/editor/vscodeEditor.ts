// EditorServices over the vscode API: what the protocol handlers need from the editor.
import * as vscode from 'vscode';
import type { Attachment } from '../../protocol/items';
import type { ChangedFileSummary, FileMatch } from '../../protocol/messages';
import type { EditorServices } from '../handlers/types';
import { rankPaths } from './fuzzy';
import { classifyLink } from './links';
import { openStagedDiff } from './stagedContent';
import { workspacePath } from '../changes/uris';
import { toDiagnosticInfo } from '../inline/focusedSession';
import { formatDiagnostic } from '../inline/prompts';

const MAX_RESULTS = 30;
const MAX_SCANNED = 20_000;
const FILE_LIST_TTL_MS = 10_000;
const EXCLUDE = '**/{node_modules,.git,dist,out,.venv,__pycache__}/**';

export class VscodeEditor implements EditorServices {
  private fileList: { at: number; paths: Promise<string[]> } | undefined;

  constructor(private readonly folder: () => vscode.WorkspaceFolder | undefined) {}

  async findFiles(query: string): Promise<FileMatch[]> {
    const folder = this.folder();
    if (!folder) return [];
    const now = Date.now();
    if (!this.fileList || now - this.fileList.at > FILE_LIST_TTL_MS) {
      const found = vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), EXCLUDE, MAX_SCANNED);
      this.fileList = { at: now, paths: Promise.resolve(found).then((uris) => uris.map((u) => this.relative(u)).filter((p): p is string => !!p)) };
    }
    const paths = await this.fileList.paths;
    if (!query.trim()) {
      const open = vscode.workspace.textDocuments.map((d) => this.relative(d.uri)).filter((p): p is string => !!p);
      return [...new Set([...open, ...paths])].slice(0, MAX_RESULTS).map((path) => ({ path, positions: [] }));
    }
    return rankPaths(query, paths, MAX_RESULTS).map(({ path, positions }) => ({ path, positions }));
  }

  selection(): Attachment | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) return undefined;
    const path = this.relative(editor.document.uri);
    if (!path) return undefined;
    const { start, end } = editor.selection;
    // A selection ending at column 0 does not include that line.
    const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
    return { type: 'selection', path, text: editor.document.getText(editor.selection), startLine: start.line + 1, endLine };
  }

  problems(): Attachment | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const path = this.relative(editor.document.uri) ?? editor.document.uri.path;
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
    if (diagnostics.length === 0) return undefined;
    const lines = diagnostics
      .slice()
      .sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)
      .slice(0, 200)
      .map((d) => formatDiagnostic(path, toDiagnosticInfo(d)));
    return { type: 'diagnostics', text: lines.join('\n') };
  }

  async openLink(href: string): Promise<void> {
    const folder = this.folder();
    const target = classifyLink(href, folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined);
    if (target.kind === 'refused') throw new Error(target.reason);
    if (target.kind === 'external') {
      await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
      return;
    }
    const uri = this.uriOf(target.path);
    const line = target.line ? Math.max(0, target.line - 1) : undefined;
    await vscode.window.showTextDocument(uri, {
      preview: true,
      ...(line !== undefined ? { selection: new vscode.Range(line, 0, line, 0) } : {}),
    });
  }

  async insertCode(code: string): Promise<void> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) throw new Error(vscode.l10n.t('Open a file to insert the code into.'));
    const ok = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, code);
    });
    if (!ok) throw new Error(vscode.l10n.t('The editor did not accept the insertion (is it read-only?).'));
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  }

  async openDiff(change: ChangedFileSummary, sessionId: string): Promise<void> {
    await openStagedDiff(change, sessionId, (p) => this.uriOf(p));
  }

  private uriOf(path: string): vscode.Uri {
    const folder = this.folder();
    if (!folder) throw new Error(vscode.l10n.t('Open a folder first.'));
    return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
  }

  private relative(uri: vscode.Uri): string | undefined {
    const folder = this.folder();
    return folder ? workspacePath(folder.uri, uri) : undefined;
  }
}
