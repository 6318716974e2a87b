// The review eval without a model: the corpus is well-formed (40+ cases in three
// languages, each bug on lines the change touched), the scoring is exact, and a scripted
// reviewer run through runEval gives the expected precision, recall, F0.5 and false
// positives per clean change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { structuredPatch } from 'diff';
import { loadCases, parseCase, type EvalCase } from '../../../eval/review/corpus';
import { matchesBug, score, type CaseOutcome } from '../../../eval/review/score';
import { renderEval, runEval } from '../../../eval/review/evaluate';
import type { Priority, ReviewFinding, ReviewResult } from '../../../src/core/index';

const CASES = loadCases();

/** New-side lines the change added or modified, per file. */
function changedLines(c: EvalCase): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [p, { before = '', after = '' }] of c.files) {
    const lines = new Set<number>();
    for (const h of structuredPatch(p, p, before, after, '', '', { context: 0 }).hunks) {
      let n = h.newStart;
      for (const l of h.lines) if (l.startsWith('+')) lines.add(n++);
    }
    out.set(p, lines);
  }
  return out;
}

test('the corpus: at least 40 cases, 25 bugs and 15 clean, in TypeScript, Python and Go; each bug is on changed lines', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} cases`);
  assert.ok(CASES.filter((c) => c.kind === 'bug').length >= 25);
  assert.ok(CASES.filter((c) => c.kind === 'clean').length >= 15);
  for (const lang of ['typescript', 'python', 'go'] as const) {
    assert.ok(CASES.some((c) => c.language === lang && c.kind === 'bug') && CASES.some((c) => c.language === lang && c.kind === 'clean'), lang);
  }
  assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'ids are unique');
  const categories = new Set(CASES.map((c) => c.category).filter(Boolean));
  for (const c of ['off-by-one', 'null access', 'injection', 'race', 'leaked resource', 'broken contract', 'wrong error handling']) assert.ok(categories.has(c), c);
  for (const c of CASES) {
    assert.ok(existsSync(path.join(__dirname, '../../../eval/review/cases', `${c.id}.case`)), `${c.id}: file named after its id`);
    const changed = changedLines(c);
    assert.ok([...changed.values()].some((s) => s.size > 0) || [...c.files.values()].some((f) => f.after === undefined), `${c.id} changes something`);
    for (const b of c.bug) {
      const touched = changed.get(b.path);
      assert.ok(touched, `${c.id}: ${b.path} is in the change`);
      for (let n = b.startLine; n <= b.endLine; n++) assert.ok(touched.has(n), `${c.id}: line ${n} of ${b.path} is changed by the change`);
    }
    assert.doesNotMatch(c.message, /bug|fix/i, `${c.id}: the commit message gives nothing away`);
  }
});

test('parseCase reads headers, locations and files; bad input is a clear error', () => {
  const c = parseCase('id: x\nlanguage: go\nkind: bug\ncategory: race\nbug: a.go:3-4, b.go:7\nmessage: m\n=== before a.go\nold\n=== after a.go\nnew\n=== after b.go\nadded\n');
  assert.deepEqual(c.bug, [{ path: 'a.go', startLine: 3, endLine: 4 }, { path: 'b.go', startLine: 7, endLine: 7 }]);
  assert.deepEqual(Object.fromEntries(c.files), { 'a.go': { before: 'old\n', after: 'new\n' }, 'b.go': { after: 'added\n' } });
  assert.throws(() => parseCase('id: x\nlanguage: go\nkind: clean\n'), /missing "message:"/);
  assert.throws(() => parseCase('id: x\nlanguage: cobol\nkind: clean\nmessage: m\n'), /unknown language cobol/);
  assert.throws(() => parseCase('id: x\nlanguage: go\nkind: bug\nbug: a.go\nmessage: m\n'), /bad bug location "a.go"/);
});

const f = (p: string, startLine: number, priority: Priority = 1, endLine = startLine): ReviewFinding => ({ path: p, startLine, endLine, priority, confidence: 0.9, title: 't', body: 'b' });
const bugCase = (id: string): EvalCase => ({ id, language: 'go', kind: 'bug', bug: [{ path: 'a.go', startLine: 10, endLine: 12 }], message: 'm', files: new Map() });
const cleanCase = (id: string): EvalCase => ({ id, language: 'go', kind: 'clean', bug: [], message: 'm', files: new Map() });

test('matching: same file, lines overlapping the bug widened by 3', () => {
  const bug = [{ path: 'a.go', startLine: 10, endLine: 12 }];
  assert.equal(matchesBug(f('a.go', 7), bug), true);
  assert.equal(matchesBug(f('a.go', 15), bug), true);
  assert.equal(matchesBug(f('a.go', 16), bug), false);
  assert.equal(matchesBug(f('a.go', 1, 1, 6), bug), false);
  assert.equal(matchesBug(f('a.go', 1, 1, 30), bug), true);
  assert.equal(matchesBug(f('b.go', 11), bug), false);
});

test('score: precision, recall, F0.5, false positives per clean change; duplicates are false positives; failures are left out', () => {
  const outcomes: CaseOutcome[] = [
    { case: bugCase('b1'), findings: [f('a.go', 11), f('a.go', 12)], verdict: 'needs changes' }, // 1 TP + 1 duplicate
    { case: bugCase('b2'), findings: [f('a.go', 40)], verdict: 'looks good' }, // missed, 1 FP
    { case: bugCase('b3'), findings: [], verdict: 'needs changes' },
    { case: bugCase('b4'), findings: [f('a.go', 10)], error: 'model failed' },
    { case: cleanCase('c1'), findings: [f('x.go', 1)], verdict: 'needs changes' },
    { case: cleanCase('c2'), findings: [], verdict: 'looks good' },
  ];
  const s = score(outcomes);
  assert.deepEqual(
    { ...s, f05: Number(s.f05.toFixed(6)) },
    { cases: 6, bugCases: 3, cleanCases: 2, errors: 1, findings: 4, truePositives: 1, falsePositives: 3, precision: 0.25, recall: 1 / 3, f05: Number(((1.25 * 0.25 * (1 / 3)) / (0.25 * 0.25 + 1 / 3)).toFixed(6)), falsePositivesPerClean: 0.5, verdictAccuracy: 3 / 5 },
  );
  const none = score([{ case: bugCase('b'), findings: [], verdict: 'looks good' }]);
  assert.deepEqual([none.precision, none.recall, none.f05, none.falsePositivesPerClean], [null, 0, 0, 0]);
});

test('runEval with a scripted reviewer over the real corpus: the expected scores for the reported and for all findings', async () => {
  const seen: string[] = [];
  const scripted = async (c: EvalCase, repo: string): Promise<ReviewResult> => {
    // the case is materialised as a commit whose parent holds the files before
    assert.equal(execFileSync('git', ['log', '-1', '--format=%s'], { cwd: repo, encoding: 'utf8' }).trim(), c.message);
    for (const [p, v] of c.files) if (v.after !== undefined) assert.equal(readFileSync(path.join(repo, p), 'utf8'), v.after);
    seen.push(c.id);
    const [b] = c.bug;
    let findings: ReviewFinding[] = [];
    if (c.kind === 'bug' && c.language === 'typescript') findings = [f(b.path, b.startLine - 3)]; // found, at the tolerance's edge
    if (c.kind === 'bug' && c.language === 'python') findings = [f(b.path, b.startLine, 2)]; // found, but P2: below the default gate
    if (c.kind === 'bug' && c.language === 'go') findings = [f(b.path, b.endLine + 4)]; // wrong place
    if (c.kind === 'clean' && ['ts-clean-reduce', 'py-clean-with', 'go-clean-switch'].includes(c.id)) findings = [f('x', 1, 0)];
    if (c.id === 'go-clean-rename') throw new Error('model failed');
    return { findings, summary: 's', overallCorrectness: c.kind === 'bug' ? 'needs changes' : 'looks good', overallConfidence: 0.8, dropped: [], description: 'd', files: [], omitted: [], parts: 1, verified: false };
  };
  const run = await runEval(CASES, scripted, { minPriority: 1, minConfidence: 0.3 }, 3);
  assert.deepEqual(seen.sort(), CASES.map((c) => c.id).sort());
  const bugs = (lang: string) => CASES.filter((c) => c.kind === 'bug' && c.language === lang).length;
  const [ts, py, go] = [bugs('typescript'), bugs('python'), bugs('go')];
  const g = run.scores.gated;
  assert.deepEqual([g.truePositives, g.falsePositives, g.errors, g.cleanCases], [ts, go + 3, 1, CASES.filter((c) => c.kind === 'clean').length - 1]);
  assert.equal(g.precision, ts / (ts + go + 3));
  assert.equal(g.recall, ts / (ts + py + go));
  assert.equal(g.falsePositivesPerClean, 3 / g.cleanCases);
  const a = run.scores.all;
  assert.deepEqual([a.truePositives, a.falsePositives], [ts + py, go + 3]);
  const text = renderEval(run, 'scripted');
  assert.match(text, /^Tandem review eval · scripted · 40 cases \(25 with a bug, 14 clean, 1 failed\)/);
  assert.match(text, new RegExp(`reported \\(P1\\+\\) +${g.precision!.toFixed(2)} +${g.recall.toFixed(2)} +${g.f05.toFixed(2)} +${g.falsePositivesPerClean.toFixed(2)} +${g.findings}\\n`));
  assert.match(text, /bugs found by language: go 0\/8, python 0\/8, typescript 9\/9/);
  assert.match(text, /false positives \(11\):\n {2}go-/);
  assert.match(text, /failed reviews \(1\):\n {2}go-clean-rename: model failed/);
});
