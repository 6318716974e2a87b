// Review findings as comment threads on the lines they are about (the Comments API): the
// priority and title in the thread's label, the explanation as its comment, and the
// thread's title actions "Fix with Tandem" and "Dismiss" (package.json menus
// comments/commentThread/title, `commentController == tandem.review`).
// Findings of a requested review sit on the workspace file; the background review's sit
// under the inline diff of the staged change (hunkFindings.ts editorRange). Threads are
// kept by key, so a redraw (progress, another run) leaves unchanged threads alone and
// keeps what the user collapsed.
import * as vscode from 'vscode';
import { priorityLabel } from '../../../core/shared';
import type { ReviewRunView, ShownFinding } from '../../../protocol/review';
import type { PendingChanges } from '../../changes/pendingChanges';
import { stagedUri } from '../../editor/stagedContent';
import { editorRange } from '../hunkFindings';
import type { ReviewService } from '../reviewService';

export const COMMENT_CONTROLLER_ID = 'tandem.review';
export const FINDING_THREAD = 'tandemFinding';

export interface FindingRef {
  runId: string;
  findingId: string;
}

interface Placed {
  ref: FindingRef;
  finding: ShownFinding;
  run: ReviewRunView;
  uri: vscode.Uri;
  range: vscode.Range;
}

const clip = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function findingLabel(f: Pick<ShownFinding, 'priority' | 'title'>): string {
  return `${priorityLabel(f.priority)} · ${clip(f.title)}`;
}

export class FindingThreads implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController(COMMENT_CONTROLLER_ID, vscode.l10n.t('Tandem Review'));
  private readonly threads = new Map<string, { thread: vscode.CommentThread; placed: Placed }>();
  private readonly subs: { dispose(): void }[];

  constructor(
    private readonly reviews: ReviewService,
    private readonly pending: PendingChanges,
    private readonly folder: () => vscode.Uri | undefined,
  ) {
    this.subs = [reviews.onDidChange(() => this.render()), pending.onDidChange(() => this.render())];
    this.render();
  }

  /** The finding a thread shows (commands receive the thread). */
  refOf(thread: vscode.CommentThread): FindingRef | undefined {
    for (const { thread: t, placed } of this.threads.values()) if (t === thread) return placed.ref;
    return undefined;
  }

  /** Opens the finding's file at its lines with its thread expanded. */
  async reveal(ref: FindingRef): Promise<void> {
    const entry = [...this.threads.values()].find((e) => e.placed.ref.runId === ref.runId && e.placed.ref.findingId === ref.findingId);
    if (!entry) throw new Error(vscode.l10n.t('That finding is no longer shown.'));
    entry.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    await vscode.window.showTextDocument(entry.placed.uri, { selection: entry.placed.range, preview: true });
  }

  private render(): void {
    const wanted = new Map<string, Placed>();
    for (const run of this.reviews.views()) {
      for (const finding of run.findings) {
        const placed = this.place(run, finding);
        if (placed) wanted.set(keyOf(placed), placed);
      }
    }
    for (const [key, entry] of this.threads) {
      if (wanted.has(key)) continue;
      entry.thread.dispose();
      this.threads.delete(key);
    }
    for (const [key, placed] of wanted) {
      if (!this.threads.has(key)) this.threads.set(key, { thread: this.createThread(placed), placed });
    }
  }

  private place(run: ReviewRunView, finding: ShownFinding): Placed | undefined {
    const folder = this.folder();
    if (!folder) return undefined;
    const ref = { runId: run.id, findingId: finding.id };
    const fileUri = vscode.Uri.joinPath(folder, ...finding.path.split('/'));
    if (run.source !== 'agent') return { ref, finding, run, uri: fileUri, range: lines(finding.startLine, finding.endLine) };
    if (!run.sessionId || this.pending.sessionId !== run.sessionId) return undefined;
    const where = editorRange(finding, this.pending.change(finding.path));
    const uri = where.onStaged ? stagedUri(finding.path, run.sessionId) : fileUri;
    return { ref, finding, run, uri, range: lines(where.startLine, where.endLine) };
  }

  private createThread(p: Placed): vscode.CommentThread {
    const { finding, run } = p;
    const body = new vscode.MarkdownString();
    body.appendMarkdown(`**${escape(finding.title)}**\n\n`);
    body.appendText(finding.body);
    const confidence = finding.confidence.toFixed(2);
    const note =
      run.source === 'agent'
        ? vscode.l10n.t("Confidence {0} · on Tandem's staged change (line {1} of the staged file)", confidence, finding.startLine)
        : vscode.l10n.t('Confidence {0}', confidence);
    body.appendMarkdown(`\n\n_${escape(note)}_`);
    const comment: vscode.Comment = { body, mode: vscode.CommentMode.Preview, author: { name: vscode.l10n.t('Tandem review') }, contextValue: FINDING_THREAD };
    const thread = this.controller.createCommentThread(p.uri, p.range, [comment]);
    thread.label = findingLabel(finding);
    thread.contextValue = FINDING_THREAD;
    thread.canReply = false;
    thread.state = vscode.CommentThreadState.Unresolved;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return thread;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    for (const { thread } of this.threads.values()) thread.dispose();
    this.threads.clear();
    this.controller.dispose();
  }
}

function lines(start: number, end: number): vscode.Range {
  return new vscode.Range(Math.max(0, start - 1), 0, Math.max(0, end - 1), 0);
}

function keyOf(p: Placed): string {
  const f = p.finding;
  return [p.ref.runId, p.ref.findingId, p.uri.toString(), p.range.start.line, p.range.end.line, f.priority, f.title].join('\0');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
