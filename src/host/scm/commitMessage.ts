// "Generate Commit Message with Tandem" (the Source Control view's title, and the
// palette): the staged diff, the repository's recent commit messages and AGENTS.md go to
// the model in one request outside any chat session (the core's generateCommitMessage,
// through the lazy core door); the answer lands in the repository's commit box. Nothing
// is committed. Cancellable from its progress notification; a failure leaves the box as
// it was and says why.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { LazyCore } from '../coreAccess/lazyCore';
import { errorMessage, type Logger } from '../util/log';
import { gitApi, pickRepository, type GitRepository } from './gitApi';

export interface CommitMessageDeps {
  core: Pick<LazyCore, 'generateCommitMessage' | 'loadProjectInstructions'>;
  config: Pick<ConfigService, 'modelConfig'>;
  log: Logger;
}

export function registerCommitMessage(deps: CommitMessageDeps): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.generateCommitMessage', (arg?: unknown) => generate(deps, arg));
}

async function generate(deps: CommitMessageDeps, arg: unknown): Promise<void> {
  const api = await gitApi();
  const repo = api && pickRepository(api, arg);
  if (!repo) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Tandem: no git repository is open.'));
    return;
  }
  const diff = await repo.diff(true);
  if (!diff.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Tandem: stage the changes to describe first; the message is written from the staged diff.'));
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Tandem: writing a commit message…'), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const message = await deps.core.generateCommitMessage({
          model: await deps.config.modelConfig(),
          diff,
          recentMessages: await recentMessages(repo),
          instructions: await deps.core.loadProjectInstructions({ cwd: repo.rootUri.fsPath }).catch(() => ''),
          signal: abort.signal,
        });
        if (token.isCancellationRequested) return;
        repo.inputBox.value = message;
      } catch (err) {
        if (token.isCancellationRequested) return;
        deps.log.error(`commit message: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Tandem could not write a commit message: {0}', errorMessage(err)));
      } finally {
        sub.dispose();
      }
    },
  );
}

async function recentMessages(repo: GitRepository): Promise<string[]> {
  try {
    return (await repo.log({ maxEntries: 10 })).map((c) => c.message);
  } catch {
    return []; // a repository without commits yet
  }
}
