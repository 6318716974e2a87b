// `--format json`: one object, schema version 1 (documented in docs/CLI.md, "JSON
// output"). Additive changes keep the version; a renamed or removed field, or a changed
// meaning, bumps it. The fields are the core's ReviewResult plus the gate.
import { meetsThresholds, type ReviewErrorCode } from '../../core/index';
import type { ReviewReport } from './report';

export const REVIEW_JSON_SCHEMA_VERSION = 1;

export function renderJson(report: ReviewReport): string {
  const { result, thresholds, gate } = report;
  const body = {
    schemaVersion: REVIEW_JSON_SCHEMA_VERSION,
    target: report.target.type === 'patch' ? { type: 'patch', description: report.target.description } : report.target,
    description: result.description,
    files: result.files,
    omitted: result.omitted,
    parts: result.parts,
    verified: result.verified,
    overallCorrectness: result.overallCorrectness,
    overallConfidence: result.overallConfidence,
    summary: result.summary,
    thresholds,
    passed: gate.passed,
    exitCode: gate.exitCode,
    findings: result.findings.map((f) => ({ ...f, blocking: meetsThresholds(f, thresholds) })),
    dropped: result.dropped,
  };
  return `${JSON.stringify(body)}\n`;
}

export function renderJsonError(code: ReviewErrorCode | 'usage' | 'error', message: string): string {
  return `${JSON.stringify({ schemaVersion: REVIEW_JSON_SCHEMA_VERSION, error: { code, message } })}\n`;
}
