// Code review in the webview: the store keeps the host's reviews (snapshot and
// review/updated), findings are picked per staged hunk, `/review` runs are placed in the
// conversation, and the components carry the names the end-to-end tests use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { ChangedFileSummary, ReviewRunView, ShownFinding } from '../../../src/protocol';
import { AppContext } from '../../../webview/context';
import { chatReviews, fileFindingCount, hunkFindings, reviewPlacement, stagedReview } from '../../../webview/state/reviews';
import { HunkFindings } from '../../../webview/components/review/HunkFindings';
import { ReviewCard } from '../../../webview/components/review/ReviewCard';
import { StagedReviewStatus } from '../../../webview/components/review/StagedReviewStatus';
import { useReviewCalls, type ReviewCalls } from '../../../webview/components/review/useReviewCalls';
import { FileReview } from '../../../webview/components/changes/FileReview';
import { fakeDeps, snapshot } from './fixtures';

const finding = (id: string, path: string, line: number, hunkId?: string): ShownFinding => ({ id, path, startLine: line, endLine: line, priority: 1, confidence: 0.9, title: `Problem ${id}`, body: 'Why it breaks.', ...(hunkId ? { hunkId } : {}) });
const agentRun: ReviewRunView = { id: 'r2', source: 'agent', status: 'done', description: "Tandem's staged changes", sessionId: 's1', findings: [finding('f1', 'a.ts', 3, 'h0'), finding('f2', 'a.ts', 30, 'h1'), finding('f3', 'b.ts', 1, 'h0')], hidden: 0 };
const chatRun: ReviewRunView = { id: 'r1', source: 'request', status: 'done', description: 'uncommitted changes against HEAD', sessionId: 's1', chat: { afterItemId: 'u1' }, findings: [finding('f1', 'src/x.ts', 8)], hidden: 2, overallCorrectness: 'needs changes', summary: 'Adds x.' };

function render(el: ReactElement, deps = fakeDeps().deps) {
  return renderToString(h(AppContext.Provider, { value: deps }, el)).replace(/<!-- -->/g, '');
}

test('the store keeps the reviews of the snapshot, then of review/updated', () => {
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { reviews: [chatRun] }) });
  assert.deepEqual(deps.store.getState().reviews, [chatRun]);
  deps.store.dispatch({ type: 'review/updated', params: { reviews: [chatRun, agentRun] } });
  assert.deepEqual(deps.store.getState().reviews.map((r) => r.id), ['r1', 'r2']);
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([]) });
  assert.deepEqual(deps.store.getState().reviews, [], 'an older host sends none');
});

test('selectors: the open session\'s staged review per hunk and file; chat reviews and where they go', () => {
  const other = { ...agentRun, id: 'r3', sessionId: 's2' };
  assert.equal(stagedReview([chatRun, other, agentRun], 's1'), agentRun);
  assert.equal(stagedReview([other], 's1'), undefined);
  assert.deepEqual(hunkFindings(agentRun, 'a.ts', 'h1').map((f) => f.id), ['f2']);
  assert.equal(hunkFindings(agentRun, 'a.ts', 'h9'), hunkFindings(undefined, 'x', 'y'), 'none: one shared empty list');
  assert.equal(fileFindingCount(agentRun, 'a.ts'), 2);
  const palette = { ...chatRun, id: 'r4', chat: undefined, sessionId: undefined };
  const emptyChat = { ...chatRun, id: 'r5', sessionId: undefined, chat: {} };
  assert.deepEqual(chatReviews([chatRun, agentRun, palette, emptyChat], 's1').map((r) => r.id), ['r1']);
  assert.deepEqual(chatReviews([chatRun, palette, emptyChat], undefined).map((r) => r.id), ['r5']);
  const gone = { ...chatRun, id: 'r6', chat: { afterItemId: 'paged-out' } };
  assert.deepEqual(reviewPlacement(['u0', 'u1', 'a1'], [chatRun, emptyChat, gone]).map((p) => [p.run.id, p.after]), [['r1', 1], ['r5', -1], ['r6', 2]]);
});

test('the chat card: description, verdict, findings with Fix and Dismiss, Fix all only for several', () => {
  const html = render(h(ReviewCard, { run: chatRun }));
  assert.match(html, /aria-label="Code review of uncommitted changes against HEAD"/);
  assert.match(html, /1 finding \(2 below your thresholds\) · needs changes/);
  assert.match(html, /Adds x\./);
  assert.match(html, /aria-label="Fix with Tandem: Problem f1"/);
  assert.match(html, /aria-label="Dismiss with reason: Problem f1"/);
  assert.match(html, />src\/x\.ts:8</);
  assert.doesNotMatch(html, /Fix all/);
  assert.match(render(h(ReviewCard, { run: { ...chatRun, findings: [finding('a', 'x', 1), finding('b', 'x', 2)] } })), /aria-label="Fix all findings with Tandem"/);
  const running = render(h(ReviewCard, { run: { ...chatRun, status: 'running', progress: 'Reading src/x.ts', findings: [] } }));
  assert.match(running, /role="status"[^>]*><vscode-progress-ring[^>]*aria-label="Reviewing…"[^>]*><\/vscode-progress-ring> Reading src\/x\.ts/);
  assert.match(running, /aria-label="Stop the review"/);
  assert.match(render(h(ReviewCard, { run: { ...chatRun, status: 'failed', error: 'Nothing to review.' } })), /role="alert"[^>]*>The review failed: Nothing to review\./);
});

const change: ChangedFileSummary = {
  path: 'a.ts',
  kind: 'modify',
  added: 2,
  removed: 1,
  stale: false,
  binary: false,
  hunks: [
    { id: 'h0', header: '@@ -1,3 +1,3 @@', lines: [' x', '-y', '+Y', ' z'] },
    { id: 'h1', header: '@@ -28,2 +28,3 @@', lines: [' p', '+q', ' r'] },
  ],
};

test('the Changes area: findings under their hunk, a count on the file, the review\'s status line', () => {
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { changes: [change], reviews: [agentRun] }) });
  const noop = () => undefined;
  const html = render(h(FileReview, { change, expanded: true, busy: false, onToggle: noop, onAct: noop, onOpenDiff: noop, onDismissError: noop }), deps);
  assert.match(html, />2 findings</);
  const hunk2 = html.slice(html.indexOf('aria-label="Hunk 2 of 2"'));
  assert.match(hunk2, /aria-label="Review findings on hunk 2 of 2 in a\.ts"[\s\S]*Problem f2[\s\S]*staged line 30/);
  assert.doesNotMatch(hunk2, /Problem f1/);
  assert.equal(render(h(HunkFindings, { path: 'b.ts', hunkId: 'h9', target: 'x' }), deps), '');

  assert.match(render(h(StagedReviewStatus), deps), /role="status"[\s\S]*Review: 3 findings on the staged changes[\s\S]*aria-label="Ask Tandem to address the review findings"/);
  deps.store.dispatch({ type: 'review/updated', params: { reviews: [{ ...agentRun, status: 'running', progress: 'Reading a.ts', findings: [] }] } });
  assert.match(render(h(StagedReviewStatus), deps), /Reviewing the staged changes… Reading a\.ts[\s\S]*aria-label="Stop the review of the staged changes"/);
  deps.store.dispatch({ type: 'review/updated', params: { reviews: [{ ...agentRun, findings: [], hidden: 1 }] } });
  assert.match(render(h(StagedReviewStatus), deps), /Review: no findings \(1 below your thresholds\)/);
});

test('the controls send review/fix, review/dismiss and review/cancel; a failure is a notice', async () => {
  const { deps, calls } = fakeDeps({ 'review/fix': { ok: true }, 'review/cancel': { ok: true } });
  let calls2: ReviewCalls | undefined;
  const Probe = () => {
    calls2 = useReviewCalls();
    return null;
  };
  render(h(Probe), deps);
  assert.equal(await calls2!.fix('r1', ['f1']), true);
  assert.equal(await calls2!.fix('r2'), true);
  assert.equal(await calls2!.cancel('r1'), true);
  assert.equal(await calls2!.dismiss('r1', 'f1', 'intended'), false);
  assert.deepEqual(calls, [
    { method: 'review/fix', params: { runId: 'r1', findingIds: ['f1'] } },
    { method: 'review/fix', params: { runId: 'r2' } },
    { method: 'review/cancel', params: { runId: 'r1' } },
    { method: 'review/dismiss', params: { runId: 'r1', findingId: 'f1', reason: 'intended' } },
  ]);
  assert.match(deps.store.getState().notices.at(-1)!.message, /no fake for review\/dismiss/);
});
