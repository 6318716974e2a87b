// Staged changes shown in the editor itself, on the file as it is in the workspace
// (which stays untouched until accepted): removed lines red (whole line), added lines as
// green ghost text (layout: hunkLayout.ts), a CodeLens "Accept" / "Reject" per hunk, and
// the context key `tandem.fileHasChanges` for the accept/reject-all keybindings.
// Decorations and lenses follow PendingChanges, so they update or clear as hunks are
// decided, the agent writes, or the user types (hunks are recomputed against the buffer).
import * as vscode from 'vscode';
import type { PendingChanges } from '../changes/pendingChanges';
import { workspacePath } from '../changes/uris';
import { layoutHunks, type HunkLayout } from './hunkLayout';
import type { StagedChange } from '../../core/index';

export const FILE_HAS_CHANGES = 'tandem.fileHasChanges';

export class InlineDiff implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly added = vscode.window.createTextEditorDecorationType({});
  private readonly lensEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensEmitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private hasChangesKey: boolean | undefined;

  constructor(
    private readonly pending: PendingChanges,
    private readonly folder: () => vscode.Uri | undefined,
  ) {
    const sub = pending.onDidChange(() => this.render());
    this.subs.push(
      { dispose: () => sub.dispose() },
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // hunks are relative to the buffer: recompute when a file with changes is edited
        const path = this.pathOf(e.document.uri);
        if (path && pending.change(path)) pending.refreshSoon();
      }),
    );
    this.render();
  }

  /** The staged change of a document, when it has hunks to show. */
  changeFor(uri: vscode.Uri): StagedChange | undefined {
    const path = this.pathOf(uri);
    const change = path ? this.pending.change(path) : undefined;
    return change && !change.binary && change.hunks.length > 0 ? change : undefined;
  }

  pathOf(uri: vscode.Uri): string | undefined {
    const folder = this.folder();
    return folder ? workspacePath(folder, uri) : undefined;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const change = this.changeFor(document.uri);
    if (!change) return [];
    const lenses: vscode.CodeLens[] = [];
    const layouts = layoutHunks(change.hunks);
    layouts.forEach((h, i) => {
      const line = Math.min(h.anchorLine, document.lineCount - 1);
      const range = new vscode.Range(line, 0, line, 0);
      const args = [change.path, h.hunkId];
      const counts = `+${h.added} -${h.removed}`;
      lenses.push(
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(check) Accept'), command: 'tandem.inline.acceptHunk', arguments: args, tooltip: vscode.l10n.t('Apply this hunk ({0}) to {1}', counts, change.path) }),
        new vscode.CodeLens(range, { title: vscode.l10n.t('$(close) Reject'), command: 'tandem.inline.rejectHunk', arguments: args, tooltip: vscode.l10n.t('Drop this hunk ({0}) from the staged change', counts) }),
      );
      if (i === 0 && layouts.length > 1) {
        lenses.push(
          new vscode.CodeLens(range, { title: vscode.l10n.t('Accept all {0}', layouts.length), command: 'tandem.inline.acceptFile', arguments: [document.uri] }),
          new vscode.CodeLens(range, { title: vscode.l10n.t('Reject all'), command: 'tandem.inline.rejectFile', arguments: [document.uri] }),
        );
      }
    });
    return lenses;
  }

  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const change = this.changeFor(editor.document.uri);
      const layouts = change ? layoutHunks(change.hunks) : [];
      editor.setDecorations(this.removed, this.removedRanges(editor.document, layouts));
      editor.setDecorations(this.added, this.ghostOptions(editor.document, layouts));
    }
    this.lensEmitter.fire();
    this.updateContext();
  }

  private removedRanges(doc: vscode.TextDocument, layouts: HunkLayout[]): vscode.Range[] {
    return layouts.flatMap((h) => h.removedLines.filter((l) => l < doc.lineCount).map((l) => new vscode.Range(l, 0, l, 0)));
  }

  private ghostOptions(doc: vscode.TextDocument, layouts: HunkLayout[]): vscode.DecorationOptions[] {
    const out: vscode.DecorationOptions[] = [];
    for (const h of layouts) {
      for (const g of h.ghosts) {
        const line = Math.min(g.line, doc.lineCount - 1);
        const end = doc.lineAt(line).range.end;
        const at = g.before ? new vscode.Range(line, 0, line, 0) : new vscode.Range(end, end);
        const attachment: vscode.ThemableDecorationAttachmentRenderOptions = {
          contentText: g.before ? `${g.text}  ⏎ ` : `  → ${g.text}`,
          color: new vscode.ThemeColor('gitDecoration.addedResourceForeground'),
          backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
          fontStyle: 'normal',
        };
        out.push({
          range: at,
          hoverMessage: new vscode.MarkdownString().appendText('Staged by Tandem (not in the file yet):').appendCodeblock(g.text, doc.languageId),
          renderOptions: g.before ? { before: attachment } : { after: attachment },
        });
      }
    }
    return out;
  }

  private updateContext(): void {
    const editor = vscode.window.activeTextEditor;
    const has = !!editor && !!this.changeFor(editor.document.uri);
    if (has === this.hasChangesKey) return;
    this.hasChangesKey = has;
    void vscode.commands.executeCommand('setContext', FILE_HAS_CHANGES, has);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.removed.dispose();
    this.added.dispose();
    this.lensEmitter.dispose();
  }
}
