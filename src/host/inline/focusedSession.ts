// Focused sessions from the editor: "Fix with Tandem" (code action), "Fix this",
// "Explain this", "Edit selection…". Each starts a NEW session (it shows in the sidebar
// and its history) with the diagnostics, the selection and ±30 lines around it as
// attachments. Fix and edit propose staged changes, shown inline (inlineDiff.ts);
// explain runs with the read-only policy, so it can only answer.
import * as vscode from 'vscode';
import { fixableDiagnostics } from './actionFilter';
import { focusedAttachments, focusedText, type DiagnosticInfo, type FocusKind, type FocusRequest } from './prompts';
import type { Attachment } from '../../core/index';

export interface FocusedDeps {
  /** Workspace-relative path of a file in the open folder, else undefined. */
  pathOf(uri: vscode.Uri): string | undefined;
  /** True while the open session runs a turn. */
  running(): boolean;
  /** Starts a new session and sends the first message (shown in the sidebar). */
  start(text: string, attachments: Attachment[], readOnly: boolean): Promise<void>;
}

const SEVERITY: DiagnosticInfo['severity'][] = ['error', 'warning', 'info', 'hint'];

export function toDiagnosticInfo(d: vscode.Diagnostic): DiagnosticInfo {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    message: d.message,
    severity: SEVERITY[d.severity] ?? 'error',
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
  };
}

/** Lines the request is about: the selection, or the diagnostics' lines, or the cursor line. */
function requestFor(kind: FocusKind, doc: vscode.TextDocument, path: string, selection: vscode.Selection, diagnostics: vscode.Diagnostic[], instruction?: string): FocusRequest {
  let range: vscode.Range = selection;
  if (selection.isEmpty) {
    range = diagnostics.length ? diagnostics.map((d) => d.range).reduce((a, b) => a.union(b)) : doc.lineAt(selection.active.line).range;
  }
  // a selection ending at column 0 does not include that line
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return {
    kind,
    path,
    startLine: range.start.line + 1,
    endLine: endLine + 1,
    selectedText: selection.isEmpty ? '' : doc.getText(selection),
    lineCount: doc.lineCount,
    diagnostics: diagnostics.map(toDiagnosticInfo),
    ...(instruction !== undefined ? { instruction } : {}),
  };
}

export class FocusedSessions {
  constructor(private readonly deps: FocusedDeps) {}

  /** From the code action: these diagnostics of that document. */
  async fixDiagnostics(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    // the request is about the diagnostics' lines, whatever happens to be selected
    const at = diagnostics[0]?.range.start ?? new vscode.Position(0, 0);
    await this.run('fix', doc, new vscode.Selection(at, at), diagnostics);
  }

  async fromEditor(kind: FocusKind): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error(vscode.l10n.t('Open a file and select some code first.'));
    const range = editor.selection.isEmpty ? editor.document.lineAt(editor.selection.active.line).range : editor.selection;
    const diagnostics = fixableDiagnostics(vscode.languages.getDiagnostics(editor.document.uri), range);
    let instruction: string | undefined;
    if (kind === 'edit') {
      instruction = await vscode.window.showInputBox({
        title: vscode.l10n.t('Tandem: Edit selection'),
        prompt: vscode.l10n.t('What should change? The edit is staged and shown inline for you to accept or reject.'),
        placeHolder: vscode.l10n.t('e.g. use a for…of loop and handle the empty case'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Describe the edit.')),
      });
      if (!instruction?.trim()) return;
    }
    await this.run(kind, editor.document, editor.selection, diagnostics, instruction);
  }

  private async run(kind: FocusKind, doc: vscode.TextDocument, selection: vscode.Selection, diagnostics: vscode.Diagnostic[], instruction?: string): Promise<void> {
    const path = this.deps.pathOf(doc.uri);
    if (!path) throw new Error(vscode.l10n.t('Tandem works on files in the open folder; this file is outside it.'));
    if (this.deps.running()) {
      const stopAndStart = vscode.l10n.t('Stop and Start');
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Tandem is working on another request. Stop it and start this one?'), { modal: true }, stopAndStart);
      if (ok !== stopAndStart) return;
    }
    const request = requestFor(kind, doc, path, selection, diagnostics, instruction);
    await this.deps.start(focusedText(request), focusedAttachments(request), kind === 'explain');
  }
}
