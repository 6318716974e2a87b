// Composition root: builds the host's services and wires them through constructors.
// No logic lives here; see docs/ARCHITECTURE.md for the layers.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { createLazyCore } from './coreAccess/lazyCore';
import { ConfigService } from './config/configService';
import { SecretKeys, VscodeSettings } from './config/vscodeStores';
import { probeModels } from './config/probe';
import { HostEnvironment } from './env/hostEnvironment';
import { VscodeEditor } from './editor/vscodeEditor';
import { STAGED_SCHEME, StagedContentProvider } from './editor/stagedContent';
import { handlers } from './handlers/handlerTable';
import { systemClock } from './rpc/clock';
import { WebviewChannel } from './rpc/webviewChannel';
import { Router } from './rpc/router';
import { SnapshotBuilder } from './rpc/snapshot';
import { SessionManager } from './session/sessionManager';
import { CHAT_VIEW_ID, ChatViewProvider } from './view/chatViewProvider';
import { registerCommands } from './commands/registerCommands';
import { watchEnvironment } from './config/watchEnvironment';
import { registerEditorFeatures } from './editor/registerEditorFeatures';
import { createWindowMcp, registerMcp } from './mcp/registerMcp';
import { SlashCommands } from './slash/slashCommands';
import { vscodeSlashUi } from './slash/vscodeSlashUi';
import { createSandboxProbe, detectSandbox, SANDBOX_PROBE_FILE } from '../core/shared';
import { ReviewService } from './codeReview/reviewService';
import { coerceReviewSettings, reviewModelConfig } from './codeReview/settings';
import { createFixTargets } from './codeReview/editor/fixTargets';
import { focusedStarter } from './editor/registerEditorFeatures';
import { builtinSlashResolver, parseReviewArgs, reviewIntoChat } from './codeReview/reviewCommand';
import { registerCommitMessage } from './scm/commitMessage';
import { AttentionTee } from './session/attention';
import { AttentionNotices } from './view/attentionNotices';
import path from 'node:path';

const OPEN_SESSION_KEY = 'tandem.openSessionId';

export function activate(context: vscode.ExtensionContext): void {
  // the host's vscode-free parts localize through @vscode/l10n: give it VS Code's bundle
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Tandem', { log: true });
  const channel = new WebviewChannel(systemClock);
  const core = createLazyCore();
  // one probe for the window, cached in globalStorage: the chat view and every agent share it
  const probe = createSandboxProbe({ detect: () => detectSandbox(), cacheFile: path.join(context.globalStorageUri.fsPath, SANDBOX_PROBE_FILE) });
  const env = new HostEnvironment(context, log, probe);
  const mcp = createWindowMcp({ context, core, folder: () => env.folder(), log });
  const config = new ConfigService({
    settings: new VscodeSettings(),
    keys: new SecretKeys(context.secrets),
    connection: { probe: probeModels, testConnection: (c) => core.testConnection(c) },
    notifier: channel,
    log,
    trusted: () => env.trusted(),
    sandboxUnavailable: () => env.sandboxUnavailable(),
    warn: (message) => void vscode.window.showWarningMessage(message),
    clock: systemClock,
  });
  const notices = new AttentionNotices();
  const sessions = new SessionManager({
    core,
    agentOptions: async () => ({ ...(await env.agentOptions(config)), ...(await mcp.sessionOption()) }),
    storageDir: env.storageDir,
    cwd: () => env.folder()?.uri.fsPath,
    openSession: { get: () => context.workspaceState.get<string>(OPEN_SESSION_KEY), set: (v) => context.workspaceState.update(OPEN_SESSION_KEY, v) },
    channel: new AttentionTee(channel, systemClock, notices),
    clock: systemClock,
    log,
    onRunningChanged: (running) => void vscode.commands.executeCommand('setContext', 'tandem.running', running),
  });
  const reviewSettings = () => coerceReviewSettings((key) => vscode.workspace.getConfiguration('tandem.review').get(key));
  const reviews = new ReviewService({
    core,
    root: () => env.folder()?.uri.fsPath,
    model: async (source) => reviewModelConfig(await config.modelConfig(), reviewSettings(), source),
    rgPath: () => env.ripgrep(),
    settings: reviewSettings,
    log,
  });
  const reviewSub = reviews.onDidChange(() => channel.notify('review/updated', { reviews: reviews.views() }));
  const snapshots = new SnapshotBuilder({ sessions, config, reviews }, channel);
  // the view is built below; these run only on a user's click, long after
  const reviewFixes = createFixTargets({ sessions, reveal: () => view.reveal(), start: (...a) => focusedStarter({ sessions, snapshots, view })(...a) });
  // `/review [what]` from the composer's command list runs the code review into the chat
  const slashUi = { ...vscodeSlashUi, review: async (args: string) => (await reviewIntoChat({ reviews, sessions }, parseReviewArgs(args)), true) };
  const slash = new SlashCommands({ core, sessions, config, pushSnapshot: () => snapshots.push(), notifier: channel, folder: () => env.folder()?.uri.fsPath, trusted: () => env.trusted(), ui: slashUi });
  const router = new Router(handlers, { sessions, config, editor: new VscodeEditor(() => env.folder()), snapshots, slash, reviews, reviewFixes, reviewSlash: builtinSlashResolver(core) }, channel, log);
  const view = new ChatViewProvider(context.extensionUri, channel, router);
  notices.attach(view);
  const staged = new StagedContentProvider(sessions);
  context.subscriptions.push(
    log,
    staged,
    notices,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
    vscode.workspace.registerTextDocumentContentProvider(STAGED_SCHEME, staged),
    ...registerCommands({ view, sessions, config, snapshots, notifier: channel, extensionId: context.extension.id }),
    ...watchEnvironment(config, sessions),
    ...registerEditorFeatures({ sessions, snapshots, view, folder: () => env.folder()?.uri, log, reviews, reviewSettings, reviewFixes }),
    ...registerMcp({ mcp, folder: () => env.folder(), sessions, log }),
    { dispose: () => reviewSub.dispose() },
    { dispose: () => reviews.dispose() },
    registerCommitMessage({ core, config, log }),
    { dispose: () => void sessions.dispose() },
    { dispose: () => config.dispose() },
  );
  config.checkPolicyWarning();
  void env.checkSandbox().then(() => config.refresh());
  void env.ripgrep();
}

export function deactivate(): void {}
