// What a protocol handler may use. Handlers are vscode-free: editor features go
// through EditorServices (implemented over the vscode API in src/host/editor).
import * as l10n from '@vscode/l10n';
import type { Attachment } from '../../protocol/items';
import type { ChangedFileSummary, FileMatch, ParamsOf, RequestMethod, ResultOf } from '../../protocol/messages';
import type { ConfigService } from '../config/configService';
import type { SessionManager } from '../session/sessionManager';
import type { SessionController } from '../session/sessionController';
import type { SnapshotBuilder } from '../rpc/snapshot';
import type { SlashCommands } from '../slash/slashCommands';
import type { ReviewService } from '../codeReview/reviewService';
import type { FixTargets } from '../codeReview/fixFindings';
import type { SlashResolver } from '../codeReview/reviewCommand';

export interface EditorServices {
  /** Workspace-relative paths matching `query` (fuzzy), best first, capped. */
  findFiles(query: string): Promise<FileMatch[]>;
  /** The active editor's non-empty selection, if it is a workspace file. */
  selection(): Attachment | undefined;
  /** Diagnostics of the active file as text. */
  problems(): Attachment | undefined;
  /** Opens an http(s) link externally or a workspace file in an editor; throws a clear error for anything else. */
  openLink(href: string): Promise<void>;
  /** Inserts at the active editor's cursor(s). */
  insertCode(code: string): Promise<void>;
  /** Diff of the workspace file against the staged version. */
  openDiff(change: ChangedFileSummary, sessionId: string): Promise<void>;
}

export interface HostServices {
  sessions: SessionManager;
  config: ConfigService;
  editor: EditorServices;
  snapshots: SnapshotBuilder;
  /** The composer's slash commands and skills. */
  slash: SlashCommands;
  /** Code reviews (src/host/codeReview): `/review`, and the findings' Fix and Dismiss. */
  reviews: ReviewService;
  /** Where a fix for findings runs (the open session, or a new one). */
  reviewFixes: FixTargets;
  /** What a message means as a built-in slash command (the core's registry): `/review` sent as a message. */
  reviewSlash: SlashResolver;
}

export interface RequestContext extends HostServices {
  /** Id of the request being answered (snapshot handlers hold notifications until it is answered). */
  requestId: number;
}

export type Handler<M extends RequestMethod> = (params: ParamsOf<M>, ctx: RequestContext) => ResultOf<M> | Promise<ResultOf<M>>;

/** Exactly one handler per protocol method: a missing one is a compile error. */
export type HandlerMap = { [M in RequestMethod]: Handler<M> };

export function requireSession(ctx: HostServices): SessionController {
  const current = ctx.sessions.current;
  if (!current) throw new Error(l10n.t('No session is open. Send a message first.'));
  return current;
}

/**
 * The open session once its agent is ready: a session opened from History is shown
 * before its agent is built, and requests that need the agent wait for it.
 */
export async function readySession(ctx: HostServices): Promise<SessionController> {
  const current = await ctx.sessions.whenReady();
  if (!current) throw new Error(l10n.t('No session is open. Send a message first.'));
  return current;
}
