// What the agent needs from the editor's surroundings: the folder, Workspace Trust,
// VS Code's bundled ripgrep, the sandbox status and where sessions are stored.
import * as vscode from 'vscode';
import { access } from 'node:fs/promises';
import type { ConfigService } from '../config/configService';
import { commandSettings, effectivePolicy } from '../config/settings';
import { errorMessage, type Logger } from '../util/log';
import { VscodeWorkspace } from '../workspace/vscodeWorkspace';
import { findRipgrep } from './ripgrep';
import type { AgentOptions, SandboxProbe } from '../../core/index';

export class HostEnvironment {
  private rg: Promise<string | undefined> | undefined;
  private sandboxReason: string | undefined;
  private workspace: { key: string; ws: VscodeWorkspace } | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Logger,
    /** Shared by the status shown in the view and every agent of this window. */
    private readonly probe: SandboxProbe,
  ) {}

  get storageDir(): string {
    return this.context.globalStorageUri.fsPath;
  }

  /** The folder the agent works in: the first local folder of the window. */
  folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  }

  trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  sandboxUnavailable(): string | undefined {
    return this.sandboxReason;
  }

  /** Detects the sandbox once; resolves when known (callers refresh the config view then). */
  async checkSandbox(): Promise<void> {
    try {
      const status = await this.probe.status();
      this.sandboxReason = status.available ? undefined : (status.reason ?? vscode.l10n.t('The command sandbox is not available; every command asks first.'));
    } catch (err) {
      this.sandboxReason = vscode.l10n.t('The command sandbox could not be checked: {0}', errorMessage(err));
    }
  }

  ripgrep(): Promise<string | undefined> {
    this.rg ??= findRipgrep(vscode.env.appRoot, process.platform, (f) => access(f).then(() => true, () => false)).then((found) => {
      if (found) this.log.info(`ripgrep: ${found}`);
      else this.log.warn(`VS Code's bundled ripgrep was not found under ${vscode.env.appRoot}; the search tool will report that it is unavailable.`);
      return found;
    });
    return this.rg;
  }

  async agentOptions(config: ConfigService): Promise<Omit<AgentOptions, 'approvals' | 'sessionId'>> {
    const folder = this.folder();
    if (!folder) throw new Error(vscode.l10n.t('Open a folder to work with Tandem.'));
    const key = folder.uri.toString();
    if (this.workspace?.key !== key) this.workspace = { key, ws: new VscodeWorkspace(folder.uri) };
    await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
    const rgPath = await this.ripgrep();
    const settings = config.settings();
    return {
      model: await config.modelConfig(),
      workspace: this.workspace.ws,
      storageDir: this.storageDir,
      approvalPolicy: effectivePolicy(settings).policy,
      ...commandSettings(settings),
      // 0: none (the stuck-loop guard still ends a turn that goes round in circles)
      maxRounds: settings.maxRounds,
      maxTurnTokens: settings.maxTurnTokens,
      trusted: this.trusted(),
      sandboxProbe: this.probe,
      ...(rgPath ? { rgPath } : {}),
    };
  }
}
