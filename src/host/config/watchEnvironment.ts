// Editor events that change what the agent may do or how it connects.
import * as vscode from 'vscode';
import type { ConfigService } from './configService';
import { effectiveModel, effectivePolicy } from './settings';
import type { SessionManager } from '../session/sessionManager';

/** Settings the open agent takes live; any other tandem.* change rebuilds it when idle. */
const LIVE = ['model', 'reasoningEffort', 'approvalPolicy', 'allowFullAccess'];

export function watchEnvironment(config: ConfigService, sessions: SessionManager): vscode.Disposable[] {
  return [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tandem')) return;
      const s = config.settings();
      sessions.applyLive({ model: effectiveModel(s), reasoningEffort: s.reasoningEffort, approvalPolicy: effectivePolicy(s).policy });
      if (Object.keys(s).some((k) => !LIVE.includes(k) && e.affectsConfiguration(`tandem.${k}`))) sessions.invalidate();
      config.checkPolicyWarning();
      void config.refresh();
    }),
    // Trust only ever goes from untrusted to trusted within a window.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      sessions.invalidate();
      void config.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      sessions.invalidate();
      void config.refresh();
    }),
  ];
}
