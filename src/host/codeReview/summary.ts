// How reviews are summed up in words: the notification after "Review Changes…", the
// status bar item and the findings view's badge. vscode-free, pure. Localized with
// @vscode/l10n: whole sentences, one per count form, so a translation never glues fragments.
import * as l10n from '@vscode/l10n';
import { priorityLabel } from '../../core/shared';
import type { OverallCorrectness, ReviewRunView } from '../../protocol/review';

/** "1 finding" / "3 findings". */
export function findingCount(n: number): string {
  return n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n);
}

/** The reviewer's verdict in the user's language. */
export function verdictLabel(v: OverallCorrectness): string {
  return v === 'looks good' ? l10n.t('looks good') : l10n.t('needs changes');
}

/** What a run reviewed, for a list of runs: the background review is always the staged changes. */
export function subjectOf(run: Pick<ReviewRunView, 'source' | 'description'>): string {
  return run.source === 'agent' ? l10n.t("Tandem's staged changes") : run.description;
}

/** "2 findings (P1, P2)", "no findings", plus what the thresholds hide. */
export function findingsPhrase(run: Pick<ReviewRunView, 'findings' | 'hidden'>): string {
  const priorities = [...new Set(run.findings.map((f) => priorityLabel(f.priority)))].sort().join(', ');
  const shown = run.findings.length === 0 ? l10n.t('no findings') : l10n.t('{0} ({1})', findingCount(run.findings.length), priorities);
  if (run.hidden === 0) return shown;
  return run.hidden === 1 ? l10n.t('{0}; 1 below your thresholds', shown) : l10n.t('{0}; {1} below your thresholds', shown, run.hidden);
}

/** The message when a requested review ended (undefined for a cancelled one: the user knows). */
export function outcomeMessage(run: ReviewRunView): { level: 'info' | 'warning' | 'error'; text: string } | undefined {
  switch (run.status) {
    case 'running':
    case 'cancelled':
      return undefined;
    case 'failed':
      return { level: 'error', text: l10n.t('Tandem could not review {0}: {1}', run.description, run.error ?? l10n.t('unknown error')) };
    case 'done': {
      const text = run.overallCorrectness
        ? l10n.t('Tandem reviewed {0}: {1} · {2}.', run.description, findingsPhrase(run), verdictLabel(run.overallCorrectness))
        : l10n.t('Tandem reviewed {0}: {1}.', run.description, findingsPhrase(run));
      return { level: run.findings.length > 0 ? 'warning' : 'info', text };
    }
  }
}

/** The status bar: the findings shown, or that a review runs; undefined: hide it. */
export function statusLabel(runs: readonly ReviewRunView[]): { text: string; tooltip: string; count: number } | undefined {
  const count = runs.reduce((n, r) => n + r.findings.length, 0);
  const running = runs.find((r) => r.status === 'running');
  if (running) {
    const tooltip = running.progress ? l10n.t('Reviewing {0}: {1}', subjectOf(running), running.progress) : l10n.t('Reviewing {0}', subjectOf(running));
    return { text: `$(loading~spin) ${l10n.t('Tandem: reviewing…')}`, tooltip, count };
  }
  if (count === 0) return undefined;
  const lines = runs.filter((r) => r.findings.length > 0).map((r) => l10n.t('{0}: {1}', subjectOf(r), findingsPhrase(r)));
  return { text: `$(checklist) ${findingCount(count)}`, tooltip: `${lines.join('\n')}\n\n${l10n.t('Click to show them.')}`, count };
}
