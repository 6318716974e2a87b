// The editor's code reviews: runs them through the core (lazily loaded), holds their
// findings, and tells its listeners (comment threads, the findings tree, the status bar,
// the webview) what to show. vscode-free.
// Contract:
// - At most one review per source: the latest one the user asked for (`request`: Review
//   Changes…, `/review`) and the latest background review of the agent's staged changes
//   (`agent`). A new run replaces (and stops) the previous run of its source; a replaced
//   run never writes its results.
// - Every finding a review returned is kept; views() applies the user's thresholds, so a
//   changed setting shows or hides findings without reviewing again.
// - Dismissed findings go to the repository's dismissal store (the one `tandem review`
//   reads), so no later review reports them again for the same code.
// - Agent findings follow their staged hunk (hunkFindings.ts) and go when it goes.
import * as l10n from '@vscode/l10n';
import type { GitReviewTarget, ReviewRunView, ReviewSource, ShownFinding } from '../../protocol/review';
import { errorMessage, type Logger } from '../util/log';
import { anchorFindings, relocateFindings, type AnchoredFinding } from './hunkFindings';
import { reviewProgress } from './progress';
import { thresholdsOf, visibleFindings, type ReviewSettings } from './settings';
import type { DismissalStore, ModelConfig, ReviewOptions, ReviewResult, SessionEvent, StagedChange, StagingArea } from '../../core/index';

/** The core functions a review needs (src/host/coreAccess/lazyCore.ts). */
export interface ReviewCore {
  reviewChanges(options: ReviewOptions): Promise<ReviewResult>;
  stagedChangesToPatch(changes: readonly StagedChange[]): Promise<string>;
  /** The dismissal store of the repository holding `root`; undefined outside a git repository. */
  dismissalStore(root: string): Promise<DismissalStore | undefined>;
}

export interface ReviewServiceDeps {
  core: ReviewCore;
  /** The folder reviewed (absolute); undefined when none is open. */
  root(): string | undefined;
  model(source: ReviewSource): Promise<ModelConfig>;
  rgPath(): Promise<string | undefined>;
  settings(): ReviewSettings;
  log: Logger;
}

/** Where a requested review shows in the chat (`/review`); no session yet: the empty chat's. */
export interface ChatPlace {
  sessionId?: string;
  afterItemId?: string;
}

/** A review that started: its id at once, its outcome (done, failed or cancelled) when it ends. */
export interface ReviewHandle {
  runId: string;
  done: Promise<ReviewRunView>;
}

/** The agent whose staged changes are reviewed. */
export interface StagedSource {
  sessionId: string;
  staging: StagingArea;
  changes: readonly StagedChange[];
}

interface Run extends Omit<ReviewRunView, 'findings' | 'hidden'> {
  findings: readonly (ShownFinding | AnchoredFinding<ShownFinding>)[];
  stop: AbortController;
}

export class ReviewService {
  private readonly runs = new Map<ReviewSource, Run>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private readonly stores = new Map<string, Promise<DismissalStore | undefined>>();
  /** The newest staged changes reported (agent findings of a review that ends move onto them). */
  private latestStaged: { sessionId: string; changes: readonly StagedChange[] } | undefined;

  constructor(private readonly deps: ReviewServiceDeps) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every run as the user sees it (thresholds applied), requested first. */
  views(): ReviewRunView[] {
    return (['request', 'agent'] as const).flatMap((source) => {
      const run = this.runs.get(source);
      return run ? [this.viewOf(run)] : [];
    });
  }

  view(runId: string): ReviewRunView | undefined {
    return this.views().find((v) => v.id === runId);
  }

  /** A shown finding of a run. */
  finding(runId: string, findingId: string): { run: ReviewRunView; finding: ShownFinding } | undefined {
    const run = this.view(runId);
    const finding = run?.findings.find((f) => f.id === findingId);
    return run && finding ? { run, finding } : undefined;
  }

  /** Settings changed: listeners redraw with the new thresholds. */
  refresh(): void {
    this.fire();
  }

  /** Reviews a git target (in the chat when `place` is given); throws when no folder is open. */
  review(target: GitReviewTarget, place?: ChatPlace): ReviewHandle {
    const root = this.requireRoot();
    const at = place ? { ...definedOnly({ sessionId: place.sessionId }), chat: definedOnly({ afterItemId: place.afterItemId }) } : undefined;
    return this.start('request', describeTarget(target), at, async (base) => this.deps.core.reviewChanges({ ...base, root, target }), (r) => r.findings);
  }

  /** Reviews an agent's staged changes (the background review); findings sit on hunks. */
  reviewStaged(source: StagedSource): ReviewHandle {
    const root = this.requireRoot();
    return this.start(
      'agent',
      l10n.t("Tandem's staged changes"),
      { sessionId: source.sessionId },
      async (base) => {
        const patch = await this.deps.core.stagedChangesToPatch(source.changes);
        // the reviewer's words (English, as its instructions)
        return this.deps.core.reviewChanges({ ...base, root, target: { type: 'patch', patch, description: "Tandem's staged changes" }, staged: source.staging });
      },
      (r) => anchorFindings(r.findings, source.changes),
    );
  }

  /** Stops a running review; false when it is not running. */
  cancel(runId: string): boolean {
    const run = [...this.runs.values()].find((r) => r.id === runId);
    if (!run || run.status !== 'running') return false;
    run.stop.abort();
    return true;
  }

  /** Stops the running background review of `sessionId` (its staged changes are about to change). */
  cancelAgent(sessionId?: string): void {
    const run = this.runs.get('agent');
    if (run?.status === 'running' && (sessionId === undefined || run.sessionId === sessionId)) run.stop.abort();
  }

  /**
   * The open session is now `sessionId`: reviews that belong to another session (its
   * background review, a `/review` in its chat) are stopped and forgotten.
   */
  sessionChanged(sessionId: string | undefined): void {
    let changed = false;
    for (const [source, run] of this.runs) {
      // a `/review` in the empty chat belongs to the session its chat starts
      if (run.chat && run.sessionId === undefined && sessionId !== undefined) {
        run.sessionId = sessionId;
        changed = true;
      }
      if (run.sessionId === undefined || run.sessionId === sessionId) continue;
      run.stop.abort();
      this.runs.delete(source);
      changed = true;
    }
    if (changed) this.fire();
  }

  /** The staged changes of `sessionId` are now `changes`: agent findings follow their hunks. */
  stagedChanged(sessionId: string, changes: readonly StagedChange[]): void {
    this.latestStaged = { sessionId, changes };
    const run = this.runs.get('agent');
    if (!run || run.sessionId !== sessionId || run.status !== 'done') return;
    const moved = relocateFindings(run.findings as AnchoredFinding<ShownFinding>[], changes);
    if (moved === run.findings) return;
    run.findings = moved;
    this.fire();
  }

  /**
   * Dismisses a finding: it leaves the run, and the repository's dismissal store remembers
   * it (false when there is no store: outside a git repository it is only hidden).
   */
  async dismiss(runId: string, findingId: string, reason?: string): Promise<boolean> {
    const run = [...this.runs.values()].find((r) => r.id === runId);
    const finding = run?.findings.find((f) => f.id === findingId);
    if (!run || !finding) throw new Error(l10n.t('That finding is no longer shown.'));
    const store = await this.store();
    if (store) await store.dismiss(plainFinding(finding), reason);
    run.findings = run.findings.filter((f) => f !== finding);
    this.fire();
    return store !== undefined;
  }

  dispose(): void {
    for (const run of this.runs.values()) run.stop.abort();
    this.listeners.clear();
  }

  private start(
    source: ReviewSource,
    description: string,
    place: Pick<ReviewRunView, 'sessionId' | 'chat'> | undefined,
    exec: (base: Omit<ReviewOptions, 'root' | 'target'>) => Promise<ReviewResult>,
    keep: (result: ReviewResult) => readonly ReviewResult['findings'][number][],
  ): ReviewHandle {
    this.runs.get(source)?.stop.abort();
    const id = `r${++this.seq}`;
    const run: Run = { id, source, status: 'running', description, ...definedOnly(place), findings: [], stop: new AbortController() };
    this.runs.set(source, run);
    this.fire();
    return { runId: id, done: this.finish(run, exec, keep) };
  }

  private async finish(
    run: Run,
    exec: (base: Omit<ReviewOptions, 'root' | 'target'>) => Promise<ReviewResult>,
    keep: (result: ReviewResult) => readonly ReviewResult['findings'][number][],
  ): Promise<ReviewRunView> {
    const { id, source, description } = run;
    const current = () => this.runs.get(source) === run;
    try {
      const [model, rgPath, dismissed] = await Promise.all([this.deps.model(source), this.deps.rgPath(), this.dismissed()]);
      const onEvent = (e: SessionEvent) => {
        const progress = reviewProgress(e);
        if (progress && current() && progress !== run.progress) {
          run.progress = progress;
          this.fire();
        }
      };
      // stopped while the model and the dismissals were looked up
      if (run.stop.signal.aborted) throw Object.assign(new Error(l10n.t('The review was interrupted.')), { code: 'aborted' });
      const result = await exec({ model, signal: run.stop.signal, onEvent, dismissed, ...(rgPath ? { rgPath } : {}) });
      if (!current()) return this.viewOf(run);
      run.findings = keep(result).map((f, i) => ({ ...f, id: `${id}f${i}` }));
      const latest = this.latestStaged;
      // the staged changes may have moved on while the review ran
      if (source === 'agent' && latest && latest.sessionId === run.sessionId) run.findings = relocateFindings(run.findings as AnchoredFinding<ShownFinding>[], latest.changes);
      // the description stays the host's (in the user's language; the core's is the reviewer's English)
      Object.assign(run, { status: 'done', summary: result.summary, overallCorrectness: result.overallCorrectness });
    } catch (err) {
      const aborted = run.stop.signal.aborted || (err as { code?: string }).code === 'aborted';
      if (!aborted) this.deps.log.warn(`review of ${description} failed: ${errorMessage(err)}`);
      Object.assign(run, aborted ? { status: 'cancelled' } : { status: 'failed', error: errorMessage(err) });
    }
    delete run.progress;
    if (current()) this.fire();
    return this.viewOf(run);
  }

  private viewOf(run: Run): ReviewRunView {
    const { stop: _stop, findings, ...rest } = run;
    const { shown, hidden } = visibleFindings(findings, thresholdsOf(this.deps.settings()));
    return { ...rest, findings: shown.map(plainFinding), hidden };
  }

  private requireRoot(): string {
    const root = this.deps.root();
    if (!root) throw new Error(l10n.t('Open a folder to review its changes.'));
    return root;
  }

  private store(): Promise<DismissalStore | undefined> {
    const root = this.requireRoot();
    let store = this.stores.get(root);
    if (!store) {
      store = this.deps.core.dismissalStore(root).catch(() => undefined);
      this.stores.set(root, store);
    }
    return store;
  }

  /** Fingerprints not to report again; a broken dismissal file is logged and reviewed past. */
  private async dismissed(): Promise<Set<string>> {
    try {
      return (await (await this.store())?.fingerprints()) ?? new Set();
    } catch (err) {
      this.deps.log.warn(`dismissed findings could not be read: ${errorMessage(err)}`);
      return new Set();
    }
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.deps.log.warn(`review listener failed: ${errorMessage(err)}`);
      }
    }
  }
}

/** The finding as the wire and the dismissal store know it (no anchor). */
function plainFinding(f: ShownFinding | AnchoredFinding<ShownFinding>): ShownFinding {
  const { anchor: _anchor, ...rest } = f as AnchoredFinding<ShownFinding>;
  return rest;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function describeTarget(t: GitReviewTarget): string {
  switch (t.type) {
    case 'uncommitted':
      return l10n.t('uncommitted changes');
    case 'staged':
      return l10n.t('changes staged in git');
    case 'branch':
      return l10n.t('this branch against {0}', t.base);
    case 'commit':
      return l10n.t('commit {0}', t.sha.slice(0, 10));
  }
}
