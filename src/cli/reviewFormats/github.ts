// `--format github`: GitHub Actions workflow commands, one annotation per finding at or
// above the thresholds (P0/P1 ::error, P2 ::warning, P3 ::notice), on the finding's lines,
// with the priority in the title. A failed verdict without such findings gets one
// file-less ::error, so the job log says why it failed. Then a plain summary line.
//
// Escaping follows the runner's parser (actions/toolkit's command.ts): in the message,
// % \r \n become %25 %0D %0A; in property values also : and , (%3A %2C), which would
// otherwise end the value.
import { priorityLabel, type Priority } from '../../core/index';
import { repoPath, type ReviewReport } from './report';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationLevel(p: Priority): 'error' | 'warning' | 'notice' {
  return p <= 1 ? 'error' : p === 2 ? 'warning' : 'notice';
}

function command(level: string, props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${level}${list ? ` ${list}` : ''}::${escapeData(message)}\n`;
}

export function renderGithub(report: ReviewReport): string {
  const { result, gate } = report;
  let out = '';
  for (const f of gate.blocking) {
    out += command(
      annotationLevel(f.priority),
      { file: repoPath(report, f.path), line: f.startLine, endLine: f.endLine, title: `[${priorityLabel(f.priority)}] ${f.title}` },
      `${f.body.trim()}\n(Tandem review, confidence ${f.confidence.toFixed(2)})`,
    );
  }
  if (!gate.passed && gate.blocking.length === 0) {
    out += command('error', { title: 'Tandem review: needs changes' }, result.summary.trim());
  }
  const n = result.findings.length;
  const below = n - gate.blocking.length;
  out += `Tandem review: ${gate.blocking.length} finding${gate.blocking.length === 1 ? '' : 's'} at ${priorityLabel(report.thresholds.minPriority)} or above${below ? ` (${below} below, not annotated)` : ''} · ${result.overallCorrectness} · ${gate.passed ? 'passed' : 'failed'}\n`;
  return out;
}
