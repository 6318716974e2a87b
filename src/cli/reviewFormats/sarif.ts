// `--format sarif`: SARIF 2.1.0 for GitHub code scanning (upload-sarif) and other
// viewers. One run; one rule per priority (code scanning groups alerts by rule and shows
// the rule's level), one result per finding at or above the thresholds, located by its
// path from the repository root (a percent-encoded URI reference against %SRCROOT%) and
// its line range. partialFingerprints carries the finding's fingerprint, so code
// scanning follows an alert across pushes that move its lines. The run's properties hold
// the verdict. Validated against the SARIF 2.1.0 schema in the unit tests.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { PRIORITIES, priorityLabel, type Priority } from '../../core/index';
import { repoPath, type ReviewReport } from './report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const PRIORITY_TEXT: Record<Priority, { name: string; text: string }> = {
  0: { name: 'ReleaseBlocker', text: 'P0: blocks a release or breaks major usage' },
  1: { name: 'MustFixBeforeMerge', text: 'P1: must be fixed before merging' },
  2: { name: 'ShouldFix', text: 'P2: should be fixed' },
  3: { name: 'Minor', text: 'P3: minor issue' },
};

export const ruleId = (p: Priority) => `tandem-review/${priorityLabel(p).toLowerCase()}`;

function level(p: Priority): 'error' | 'warning' | 'note' {
  return p <= 1 ? 'error' : p === 2 ? 'warning' : 'note';
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function pathToUri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

export function renderSarif(report: ReviewReport): string {
  const rules: ReportingDescriptor[] = PRIORITIES.map((p) => ({
    id: ruleId(p),
    name: PRIORITY_TEXT[p].name,
    shortDescription: { text: PRIORITY_TEXT[p].text },
    fullDescription: { text: `A problem the change introduces, found by Tandem's code reviewer with priority ${PRIORITY_TEXT[p].text}.` },
    defaultConfiguration: { level: level(p) },
    properties: { tags: ['code-review'] },
  }));
  const results: Result[] = report.gate.blocking.map((f) => ({
    ruleId: ruleId(f.priority),
    ruleIndex: f.priority,
    level: level(f.priority),
    message: { text: `[${priorityLabel(f.priority)}] ${f.title}\n\n${f.body.trim()}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(repoPath(report, f.path)), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.startLine, endLine: f.endLine },
        },
      },
    ],
    ...(f.fingerprint ? { partialFingerprints: { 'tandemFinding/v1': f.fingerprint } } : {}),
    properties: { priority: priorityLabel(f.priority), confidence: f.confidence },
  }));
  const { result, thresholds, gate } = report;
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Tandem review', semanticVersion: report.toolVersion, rules } },
        automationDetails: { id: 'tandem-review/' },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: {
          description: result.description,
          overallCorrectness: result.overallCorrectness,
          overallConfidence: result.overallConfidence,
          summary: result.summary,
          minPriority: priorityLabel(thresholds.minPriority),
          minConfidence: thresholds.minConfidence,
          passed: gate.passed,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
