// The vscode-free pieces of code review in the editor: settings and thresholds, `/review`
// arguments, the fix messages, the status bar and notification wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coerceReviewSettings, DEFAULT_REVIEW_SETTINGS, reviewModelConfig, thresholdsOf, visibleFindings } from '../../../../src/host/codeReview/settings';
import { parseReviewArgs, reviewUsage } from '../../../../src/host/codeReview/reviewCommand';
import { fixAttachments, fixText } from '../../../../src/host/codeReview/fixPrompts';
import { findingsPhrase, outcomeMessage, statusLabel } from '../../../../src/host/codeReview/summary';
import { shouldReviewTurn } from '../../../../src/host/codeReview/agentReview';
import { reviewProgress } from '../../../../src/host/codeReview/progress';
import type { ReviewRunView, ShownFinding } from '../../../../src/protocol/review';

const f = (priority: 0 | 1 | 2 | 3, confidence: number, extra: Partial<ShownFinding> = {}): ShownFinding => ({ id: `f${priority}${confidence}`, path: 'src/a.ts', startLine: 10, endLine: 12, priority, confidence, title: `P${priority} problem`, body: 'Because.', ...extra });

test('settings: typos fall back to the defaults; priorities read as P1, p1 or 1', () => {
  const values: Record<string, unknown> = { minPriority: 'p1', minConfidence: 0.7, agentChanges: 'otherModel', model: ' gpt-mini ', minChangedLines: 12.7 };
  assert.deepEqual(coerceReviewSettings((k) => values[k]), { minPriority: 1, minConfidence: 0.7, agentChanges: 'otherModel', model: 'gpt-mini', minChangedLines: 12 });
  const bad: Record<string, unknown> = { minPriority: 'P7', minConfidence: 2, agentChanges: 'always', model: 3, minChangedLines: -1 };
  assert.deepEqual(coerceReviewSettings((k) => bad[k]), DEFAULT_REVIEW_SETTINGS);
});

test('thresholds in the UI: at least as urgent and as confident as the settings; the rest counted as hidden', () => {
  const all = [f(0, 0.4), f(1, 0.9), f(2, 0.5), f(3, 0.99)];
  const shown = (minPriority: 0 | 1 | 2 | 3, minConfidence: number) => visibleFindings(all, thresholdsOf({ minPriority, minConfidence }));
  assert.deepEqual(shown(2, 0.5).shown.map((x) => x.priority), [1, 2]);
  assert.equal(shown(2, 0.5).hidden, 2);
  assert.deepEqual(shown(3, 0).shown.map((x) => x.priority), [0, 1, 2, 3]);
  assert.deepEqual(shown(0, 0.3).shown.map((x) => x.priority), [0]);
});

test('the background review model: the chat model unless "otherModel" names one (without the chat window)', () => {
  const chat = { model: 'big', baseUrl: 'http://x/v1', contextWindow: 400_000 };
  assert.equal(reviewModelConfig(chat, { agentChanges: 'on', model: 'small' }, 'agent'), chat);
  assert.equal(reviewModelConfig(chat, { agentChanges: 'otherModel', model: 'small' }, 'request'), chat);
  assert.equal(reviewModelConfig(chat, { agentChanges: 'otherModel', model: '' }, 'agent'), chat);
  assert.deepEqual(reviewModelConfig(chat, { agentChanges: 'otherModel', model: 'small' }, 'agent'), { model: 'small', baseUrl: 'http://x/v1' });
});

test('a turn is reviewed when the setting is on and it changed enough lines', () => {
  assert.equal(shouldReviewTurn({ agentChanges: 'on', minChangedLines: 5 }, 5), true);
  assert.equal(shouldReviewTurn({ agentChanges: 'otherModel', minChangedLines: 5 }, 4), false);
  assert.equal(shouldReviewTurn({ agentChanges: 'off', minChangedLines: 0 }, 100), false);
  assert.equal(shouldReviewTurn({ agentChanges: 'on', minChangedLines: 0 }, 0), false, 'nothing new staged: nothing to review');
  assert.equal(shouldReviewTurn({ agentChanges: 'on', minChangedLines: 0 }, 1), true);
});

test('/review arguments (the core\'s registry resolved the command)', () => {
  assert.deepEqual(parseReviewArgs(''), { type: 'uncommitted' });
  assert.deepEqual(parseReviewArgs(' uncommitted '), { type: 'uncommitted' });
  assert.deepEqual(parseReviewArgs('staged'), { type: 'staged' });
  assert.deepEqual(parseReviewArgs('branch origin/main'), { type: 'branch', base: 'origin/main' });
  assert.deepEqual(parseReviewArgs('base main'), { type: 'branch', base: 'main' });
  assert.deepEqual(parseReviewArgs('commit abc123'), { type: 'commit', sha: 'abc123' });
  for (const bad of ['my code please', 'branch', 'commit a b', 'staged now']) assert.throws(() => parseReviewArgs(bad), { message: reviewUsage() });
});

test('fix messages: one finding or several, the user\'s changes or the agent\'s staged ones', () => {
  const one = fixText([f(1, 0.9, { title: 'Off by one', body: 'The loop reads past the end.' })], false);
  assert.match(one, /^A code review of my changes found this problem:\n\n\[P1\] src\/a\.ts:10-12: Off by one\nThe loop reads past the end\.\n\nFix it, changing only what the fix needs\./);
  assert.match(one, /if one is not a real problem, say why instead of changing the code/);
  const two = fixText([f(0, 0.9), f(2, 0.8, { startLine: 3, endLine: 3 })], true);
  assert.match(two, /^A code review of your staged changes \(not applied yet\) found these 2 problems:\n\n1\. \[P0\] src\/a\.ts:10-12: P0 problem\n {3}Because\.\n2\. \[P2\] src\/a\.ts:3: P2 problem/);
  assert.match(two, /Revise your staged changes to fix them; the line numbers are in the staged version/);
  assert.deepEqual(fixAttachments([f(1, 1), f(2, 1), f(1, 1, { path: 'b.ts', startLine: 40, endLine: 41 })]), [
    { type: 'file', path: 'src/a.ts', range: { startLine: 1, endLine: 42 } },
    { type: 'file', path: 'b.ts', range: { startLine: 10, endLine: 71 } },
  ]);
});

const run = (over: Partial<ReviewRunView>): ReviewRunView => ({ id: 'r1', source: 'request', status: 'done', description: 'uncommitted changes against HEAD', findings: [], hidden: 0, ...over });

test('wording: the outcome, the status bar, progress', () => {
  assert.equal(findingsPhrase({ findings: [f(2, 1), f(1, 1), f(1, 0.8)], hidden: 1 }), '3 findings (P1, P2); 1 below your thresholds');
  assert.deepEqual(outcomeMessage(run({ findings: [f(1, 1)], overallCorrectness: 'needs changes' })), { level: 'warning', text: 'Tandem reviewed uncommitted changes against HEAD: 1 finding (P1) · needs changes.' });
  assert.deepEqual(outcomeMessage(run({ overallCorrectness: 'looks good' })), { level: 'info', text: 'Tandem reviewed uncommitted changes against HEAD: no findings · looks good.' });
  assert.equal(outcomeMessage(run({ status: 'cancelled' })), undefined);
  assert.match(outcomeMessage(run({ status: 'failed', error: 'Nothing to review.' }))!.text, /could not review .*: Nothing to review\./);

  assert.equal(statusLabel([run({})]), undefined, 'no findings: no status bar item');
  const label = statusLabel([run({ findings: [f(1, 1)] }), run({ id: 'r2', source: 'agent', findings: [f(2, 1), f(3, 1)] })]);
  assert.equal(label?.text, '$(checklist) 3 findings');
  assert.match(label!.tooltip, /uncommitted changes against HEAD: 1 finding \(P1\)\nTandem's staged changes: 2 findings \(P2, P3\)/);
  assert.match(statusLabel([run({ status: 'running', progress: 'Reading src/a.ts' })])!.tooltip, /Reviewing uncommitted .*: Reading src\/a\.ts/);

  const started = (name: string, args: unknown) => reviewProgress({ type: 'item/started', item: { id: 'i', turnId: 't', type: 'tool_call', name, arguments: JSON.stringify(args), status: 'in_progress' } });
  assert.equal(started('read_file', { path: 'src/a.ts' }), 'Reading src/a.ts');
  assert.equal(started('search', { pattern: 'foo(' }), 'Searching for "foo("');
  assert.equal(started('submit_review', {}), 'Writing up the findings');
  assert.equal(reviewProgress({ type: 'turn/started', turnId: 't' }), undefined);
});
