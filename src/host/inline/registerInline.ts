// Inline "fix this": the quick fix, the selection commands and the in-editor diff with
// per-hunk CodeLens (ids, menus and keybindings in package.json contributes).
import * as vscode from 'vscode';
import type { PendingChanges } from '../changes/pendingChanges';
import type { ReviewActions } from '../changes/reviewActions';
import { guarded } from '../changes/registerChangeCommands';
import { FIX_DIAGNOSTICS_COMMAND, FixWithTandemProvider } from './codeActions';
import { FocusedSessions, type FocusedDeps } from './focusedSession';
import { InlineDiff } from './inlineDiff';

export interface InlineDeps {
  pending: PendingChanges;
  actions: ReviewActions;
  folder: () => vscode.Uri | undefined;
  running: FocusedDeps['running'];
  start: FocusedDeps['start'];
}

export function registerInline(deps: InlineDeps): vscode.Disposable[] {
  const diff = new InlineDiff(deps.pending, deps.folder);
  const pathOf = (uri: vscode.Uri) => diff.pathOf(uri);
  const focused = new FocusedSessions({ pathOf, running: deps.running, start: deps.start });
  const { actions } = deps;
  const cmd = (id: string, fn: (...args: any[]) => Promise<unknown>) => vscode.commands.registerCommand(id, guarded(fn));
  const fileArg = (arg: unknown): string => actions.pathFrom(arg instanceof vscode.Uri || typeof arg === 'string' ? arg : undefined);
  return [
    diff,
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, diff),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixWithTandemProvider((uri) => !!pathOf(uri)), {
      providedCodeActionKinds: FixWithTandemProvider.kinds,
    }),
    cmd(FIX_DIAGNOSTICS_COMMAND, (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => focused.fixDiagnostics(uri, diagnostics)),
    cmd('tandem.fixThis', () => focused.fromEditor('fix')),
    cmd('tandem.explainThis', () => focused.fromEditor('explain')),
    cmd('tandem.editSelection', () => focused.fromEditor('edit')),
    cmd('tandem.inline.acceptHunk', (path: string, hunkId: string) => actions.apply(path, [hunkId])),
    cmd('tandem.inline.rejectHunk', (path: string, hunkId: string) => actions.reject(path, [hunkId])),
    cmd('tandem.inline.acceptFile', (arg?: unknown) => actions.apply(fileArg(arg))),
    cmd('tandem.inline.rejectFile', (arg?: unknown) => actions.reject(fileArg(arg))),
  ];
}
