// "Fix with Tandem" in the quick-fix lightbulb / Ctrl+. menu for errors and warnings.
import * as vscode from 'vscode';
import { fixableDiagnostics } from './actionFilter';

export const FIX_DIAGNOSTICS_COMMAND = 'tandem.inline.fixDiagnostics';

export class FixWithTandemProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly inFolder: (uri: vscode.Uri) => boolean) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    if (!this.inFolder(document.uri)) return [];
    const diagnostics = fixableDiagnostics(context.diagnostics, range);
    if (diagnostics.length === 0) return [];
    const action = new vscode.CodeAction('Fix with Tandem', vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics;
    action.command = { title: vscode.l10n.t('Fix with Tandem'), command: FIX_DIAGNOSTICS_COMMAND, arguments: [document.uri, diagnostics] };
    return [action];
  }
}
