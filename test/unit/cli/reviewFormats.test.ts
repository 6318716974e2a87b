// The CI formats of `tandem review`: GitHub annotation escaping and levels, SARIF 2.1.0
// validated against the SARIF schema (SchemaStore's 2.1.0-rtm.5, as shipped by the npm
// package @microsoft/jest-sarif) with ajv, the JSON schema's fields, and the text format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { annotationLevel, escapeData, escapeProperty, renderGithub } from '../../../src/cli/reviewFormats/github';
import { pathToUri, renderSarif } from '../../../src/cli/reviewFormats/sarif';
import { renderJson } from '../../../src/cli/reviewFormats/json';
import { renderText } from '../../../src/cli/reviewFormats/text';
import { makeReport } from '../../../src/cli/reviewFormats/report';
import type { Priority, ReviewFinding, ReviewResult } from '../../../src/core/index';

// the rtm.5 schema has one pattern that is not a valid unicode regex; everything else is checked
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const schemaCheck = ajv.compile(sarifSchema);
/** A plain boolean (ajv's type guard would narrow the log to the schema's inferred type). */
const validateSarif = Object.assign((log: unknown): boolean => schemaCheck(log), { get errors() { return schemaCheck.errors; } });

const finding = (priority: Priority, path: string, startLine: number, more: Partial<ReviewFinding> = {}): ReviewFinding => ({
  path,
  startLine,
  endLine: startLine + 1,
  priority,
  confidence: 0.9,
  title: `Problem, at: ${path}`,
  body: '100% wrong\r\nsecond line',
  fingerprint: `fp${startLine}`,
  ...more,
});

function result(findings: ReviewFinding[], verdict: ReviewResult['overallCorrectness'] = 'needs changes'): ReviewResult {
  return { findings, summary: 'Sum.', overallCorrectness: verdict, overallConfidence: 0.75, dropped: [], description: 'd', files: ['src/a.ts'], omitted: [], parts: 1, verified: false };
}

const THRESHOLDS = { minPriority: 1 as Priority, minConfidence: 0.3 };
const FINDINGS = [finding(0, 'src/a b.ts', 3), finding(2, 'src/a.ts', 10), finding(3, 'src/a.ts', 20, { confidence: 0.5 })];

test('escaping: % \\r \\n in messages; also : and , in properties', () => {
  assert.equal(escapeData('100% a\r\nb: c, d'), '100%25 a%0D%0Ab: c, d');
  assert.equal(escapeProperty('100% a\r\nb: c, d'), '100%25 a%0D%0Ab%3A c%2C d');
  assert.equal(escapeData('%0A'), '%250A', 'an escape sequence in the text stays text');
  assert.deepEqual([0, 1, 2, 3].map((p) => annotationLevel(p as Priority)), ['error', 'error', 'warning', 'notice']);
});

test('github: one annotation per finding at or above --min-priority, paths from the repository root', () => {
  const out = renderGithub(makeReport(result(FINDINGS), { type: 'uncommitted' }, THRESHOLDS, 'pkg/'));
  assert.equal(
    out,
    '::error file=pkg/src/a b.ts,line=3,endLine=4,title=[P0] Problem%2C at%3A src/a b.ts::100%25 wrong%0D%0Asecond line%0A(Tandem review, confidence 0.90)\n' +
      'Tandem review: 1 finding at P1 or above (2 below, not annotated) · needs changes · failed\n',
  );
  const all = renderGithub(makeReport(result(FINDINGS), { type: 'uncommitted' }, { minPriority: 3, minConfidence: 0.3 }));
  assert.deepEqual(all.split('\n').map((l) => l.slice(0, l.indexOf(' '))).slice(0, 3), ['::error', '::warning', '::notice']);
});

test('github: "needs changes" with nothing to annotate still explains the failure; a pass says so', () => {
  assert.equal(
    renderGithub(makeReport(result([finding(3, 'a.ts', 1)]), { type: 'uncommitted' }, THRESHOLDS)),
    '::error title=Tandem review%3A needs changes::Sum.\nTandem review: 0 findings at P1 or above (1 below, not annotated) · needs changes · failed\n',
  );
  assert.equal(renderGithub(makeReport(result([], 'looks good'), { type: 'uncommitted' }, THRESHOLDS)), 'Tandem review: 0 findings at P1 or above · looks good · passed\n');
});

test('sarif: valid SARIF 2.1.0 with a result per finding at or above the thresholds', () => {
  const text = renderSarif(makeReport(result(FINDINGS), { type: 'branch', base: 'main' }, { minPriority: 2, minConfidence: 0.3 }, 'pkg/', '1.2.3'));
  const log = JSON.parse(text);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  const [run] = log.runs;
  assert.deepEqual(run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration.level]), [
    ['tandem-review/p0', 'error'],
    ['tandem-review/p1', 'error'],
    ['tandem-review/p2', 'warning'],
    ['tandem-review/p3', 'note'],
  ]);
  assert.deepEqual(
    run.results.map((r: any) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region, r.partialFingerprints]),
    [
      ['tandem-review/p0', 0, 'error', 'pkg/src/a%20b.ts', { startLine: 3, endLine: 4 }, { 'tandemFinding/v1': 'fp3' }],
      ['tandem-review/p2', 2, 'warning', 'pkg/src/a.ts', { startLine: 10, endLine: 11 }, { 'tandemFinding/v1': 'fp10' }],
    ],
  );
  assert.equal(run.results[0].message.text, '[P0] Problem, at: src/a b.ts\n\n100% wrong\r\nsecond line');
  assert.deepEqual([run.properties.overallCorrectness, run.properties.passed, run.tool.driver.semanticVersion], ['needs changes', false, '1.2.3']);
  // a clean review is valid too, and the validator is real: a broken log fails it
  assert.ok(validateSarif(JSON.parse(renderSarif(makeReport(result([], 'looks good'), { type: 'uncommitted' }, THRESHOLDS)))));
  assert.equal(validateSarif({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'fatal' }] }] }), false);
  assert.equal(validateSarif({ ...log, version: '2.0.0' }), false);
});

test('sarif URIs: each segment percent-encoded, slashes kept', () => {
  assert.equal(pathToUri('src/a b/c#d%.ts'), 'src/a%20b/c%23d%25.ts');
  assert.equal(pathToUri('über/x.ts'), '%C3%BCber/x.ts');
});

test('json: schema version 1 with the gate and a blocking flag per finding', () => {
  const j = JSON.parse(renderJson(makeReport(result(FINDINGS), { type: 'commit', sha: 'abc' }, THRESHOLDS)));
  assert.deepEqual(Object.keys(j), ['schemaVersion', 'target', 'description', 'files', 'omitted', 'parts', 'verified', 'overallCorrectness', 'overallConfidence', 'summary', 'thresholds', 'passed', 'exitCode', 'findings', 'dropped']);
  assert.deepEqual([j.schemaVersion, j.target, j.thresholds, j.passed, j.exitCode], [1, { type: 'commit', sha: 'abc' }, THRESHOLDS, false, 1]);
  assert.deepEqual(j.findings.map((f: any) => [f.priority, f.blocking, f.fingerprint]), [[0, true, 'fp3'], [2, false, 'fp10'], [3, false, 'fp20']]);
  assert.deepEqual(Object.keys(j.findings[0]), ['path', 'startLine', 'endLine', 'priority', 'confidence', 'title', 'body', 'fingerprint', 'blocking']);
  const patch = JSON.parse(renderJson(makeReport(result([], 'looks good'), { type: 'patch', patch: 'diff --git …', description: 'staged' }, THRESHOLDS)));
  assert.deepEqual([patch.target, patch.passed, patch.exitCode], [{ type: 'patch', description: 'staged' }, true, 0]);
});

test('text: every finding with its priority; those below the threshold are marked', () => {
  const out = renderText(makeReport(result(FINDINGS.slice(0, 2)), { type: 'uncommitted' }, THRESHOLDS));
  assert.equal(
    out,
    'src/a b.ts:3: [P0] Problem, at: src/a b.ts\n  100% wrong\r\n  second line\n  (lines 3-4, confidence 0.90)\n\n' +
      'src/a.ts:10: [P2] Problem, at: src/a.ts\n  100% wrong\r\n  second line\n  (lines 10-11, confidence 0.90; below P1, does not fail the review)\n\n' +
      '2 findings (1 at P1 or above) · needs changes (confidence 0.75) · failed\nSum.\n',
  );
});
