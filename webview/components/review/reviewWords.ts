// How the webview words a review's outcome (pure; whole sentences per count form, so a
// translation never glues fragments).
import * as l10n from '@vscode/l10n';
import type { OverallCorrectness, ReviewRunView } from '../../../src/protocol';

/** "1 finding" / "3 findings". */
export function findingCount(n: number): string {
  return n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n);
}

export function verdictLabel(v: OverallCorrectness): string {
  return v === 'looks good' ? l10n.t('looks good') : l10n.t('needs changes');
}

/** "2 findings (1 below your thresholds) · needs changes", "No findings · looks good". */
export function findingsLine(run: Pick<ReviewRunView, 'findings' | 'hidden' | 'overallCorrectness'>): string {
  const n = run.findings.length;
  let counted = n === 0 ? l10n.t('No findings') : findingCount(n);
  if (run.hidden > 0) counted = run.hidden === 1 ? l10n.t('{0} (1 below your thresholds)', counted) : l10n.t('{0} ({1} below your thresholds)', counted, run.hidden);
  return run.overallCorrectness ? l10n.t('{0} · {1}', counted, verdictLabel(run.overallCorrectness)) : counted;
}
