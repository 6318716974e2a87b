// The human format: every kept finding as a `path:line: [P1] title` block (those below the
// thresholds too, marked, since they are still worth a glance), then the count, the
// verdict and the summary.
import { meetsThresholds, priorityLabel, type ReviewFinding } from '../../core/index';
import type { ReviewReport } from './report';

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function block(f: ReviewFinding, report: ReviewReport): string {
  const lines = f.endLine > f.startLine ? `lines ${f.startLine}-${f.endLine}` : `line ${f.startLine}`;
  const below = meetsThresholds(f, report.thresholds) ? '' : `; below ${priorityLabel(report.thresholds.minPriority)}, does not fail the review`;
  return `${f.path}:${f.startLine}: [${priorityLabel(f.priority)}] ${f.title}\n${indent(f.body)}\n  (${lines}, confidence ${f.confidence.toFixed(2)}${below})\n`;
}

export function renderText(report: ReviewReport): string {
  const { result, gate, thresholds } = report;
  const n = result.findings.length;
  let count = n === 0 ? 'No findings' : n === 1 ? '1 finding' : `${n} findings`;
  if (n > 0 && gate.blocking.length < n) count += ` (${gate.blocking.length} at ${priorityLabel(thresholds.minPriority)} or above)`;
  const blocks = result.findings.map((f) => block(f, report));
  const verdict = `${result.overallCorrectness} (confidence ${result.overallConfidence.toFixed(2)})`;
  return `${blocks.join('\n')}${n ? '\n' : ''}${count} · ${verdict} · ${gate.passed ? 'passed' : 'failed'}\n${result.summary.trim()}\n`;
}
