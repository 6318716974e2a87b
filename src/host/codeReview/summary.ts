// How reviews are summed up in words: the notification after "Review Changes…", the
// status bar item and the findings view's badge. vscode-free, pure.
import { priorityLabel } from '../../core/shared';
import type { ReviewRunView } from '../../protocol/review';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 findings (P1, P2)", "no findings", plus what the thresholds hide. */
export function findingsPhrase(run: Pick<ReviewRunView, 'findings' | 'hidden'>): string {
  const shown = run.findings.length === 0 ? 'no findings' : `${plural(run.findings.length, 'finding')} (${[...new Set(run.findings.map((f) => priorityLabel(f.priority)))].sort().join(', ')})`;
  return run.hidden > 0 ? `${shown}; ${run.hidden} below your thresholds` : shown;
}

/** The message when a requested review ended (undefined for a cancelled one: the user knows). */
export function outcomeMessage(run: ReviewRunView): { level: 'info' | 'warning' | 'error'; text: string } | undefined {
  switch (run.status) {
    case 'running':
    case 'cancelled':
      return undefined;
    case 'failed':
      return { level: 'error', text: `Tandem could not review ${run.description}: ${run.error ?? 'unknown error'}` };
    case 'done': {
      const verdict = run.overallCorrectness ? ` · ${run.overallCorrectness}` : '';
      const text = `Tandem reviewed ${run.description}: ${findingsPhrase(run)}${verdict}.`;
      return { level: run.findings.length > 0 ? 'warning' : 'info', text };
    }
  }
}

/** The status bar: the findings shown, or that a review runs; undefined: hide it. */
export function statusLabel(runs: readonly ReviewRunView[]): { text: string; tooltip: string; count: number } | undefined {
  const count = runs.reduce((n, r) => n + r.findings.length, 0);
  const running = runs.find((r) => r.status === 'running');
  if (running) return { text: '$(loading~spin) Tandem: reviewing…', tooltip: `Reviewing ${running.description}${running.progress ? `: ${running.progress}` : ''}`, count };
  if (count === 0) return undefined;
  const lines = runs.filter((r) => r.findings.length > 0).map((r) => `${r.source === 'agent' ? "Tandem's staged changes" : r.description}: ${findingsPhrase(r)}`);
  return { text: `$(checklist) ${plural(count, 'finding')}`, tooltip: `${lines.join('\n')}\n\nClick to show them.`, count };
}
