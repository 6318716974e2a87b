// ReviewService over a scripted core: the latest run per source, thresholds applied on
// display, cancel and failure, `/review` in the chat and the session it belongs to, the
// background review's findings following their hunks, and what a fix asks for where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHunks, countChanges, publicHunk } from '../../../../src/core/staging/hunks';
import type { StagedChange } from '../../../../src/core/staging/types';
import type { ReviewFinding, ReviewOptions, ReviewResult } from '../../../../src/core/codeReview/types';
import { ReviewService, type ReviewCore } from '../../../../src/host/codeReview/reviewService';
import { fixFindings } from '../../../../src/host/codeReview/fixFindings';
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '../../../../src/host/codeReview/settings';
import { silentLogger } from '../../../../src/host/util/log';
import { fakeStaging } from '../fakes';

const finding = (path: string, startLine: number, priority: 0 | 1 | 2 | 3 = 1, confidence = 0.9): ReviewFinding => ({ path, startLine, endLine: startLine, priority, confidence, title: `${path}:${startLine}`, body: 'b', fingerprint: `fp-${path}-${startLine}` });
const result = (findings: ReviewFinding[], over: Partial<ReviewResult> = {}): ReviewResult => ({ findings, summary: 's', overallCorrectness: findings.length ? 'needs changes' : 'looks good', overallConfidence: 0.8, dropped: [], description: 'uncommitted changes against HEAD', files: [], omitted: [], parts: 1, verified: false, ...over });

/** A core whose reviews wait until the test settles them. */
function scriptedCore() {
  const calls: { options: ReviewOptions; settle: (r: ReviewResult | Error) => void }[] = [];
  const dismissed: { fingerprint?: string; reason?: string }[] = [];
  const core: ReviewCore = {
    reviewChanges: (options) =>
      new Promise((resolve, reject) => {
        const settle = (r: ReviewResult | Error) => (r instanceof Error ? reject(r) : resolve(r));
        options.signal?.addEventListener('abort', () => reject(Object.assign(new Error('The review was interrupted.'), { code: 'aborted' })));
        calls.push({ options, settle });
      }),
    stagedChangesToPatch: async (changes) => changes.map((c) => c.path).join(','),
    dismissalStore: async () => ({
      file: '/x',
      list: async () => [],
      fingerprints: async () => new Set(dismissed.map((d) => d.fingerprint!)),
      dismiss: async (f, reason) => {
        dismissed.push({ fingerprint: f.fingerprint, reason });
        return { fingerprint: f.fingerprint!, path: f.path, title: f.title, dismissedAt: 'now', ...(reason ? { reason } : {}) };
      },
      restore: async () => false,
    }),
  };
  return { core, calls, dismissed };
}

function service(settings: Partial<ReviewSettings> = {}) {
  const s = scriptedCore();
  let current: ReviewSettings = { ...DEFAULT_REVIEW_SETTINGS, ...settings };
  const reviews = new ReviewService({ core: s.core, root: () => '/ws', model: async () => ({ model: 'm' }), rgPath: async () => '/usr/bin/rg', settings: () => current, log: silentLogger });
  let fired = 0;
  reviews.onDidChange(() => fired++);
  const called = async (n: number) => {
    for (let i = 0; i < 50 && s.calls.length < n; i++) await new Promise((r) => setImmediate(r));
    assert.equal(s.calls.length, n, `${n} review call(s)`);
    return s.calls[n - 1];
  };
  return { ...s, reviews, fired: () => fired, called, set: (next: Partial<ReviewSettings>) => (current = { ...current, ...next }) };
}

test('a requested review: running, then its findings; thresholds apply on display and follow the settings', async () => {
  const t = service({ minPriority: 1, minConfidence: 0.5 });
  const handle = t.reviews.review({ type: 'uncommitted' });
  assert.deepEqual(t.reviews.views().map((v) => [v.id, v.status, v.description]), [[handle.runId, 'running', 'uncommitted changes']]);
  const call = await t.called(1);
  assert.deepEqual(call.options.target, { type: 'uncommitted' });
  assert.equal(call.options.root, '/ws');
  assert.equal(call.options.rgPath, '/usr/bin/rg');
  assert.deepEqual([...(call.options.dismissed ?? [])], []);
  call.options.onEvent?.({ type: 'item/started', item: { id: 'i', turnId: 't', type: 'tool_call', name: 'read_file', arguments: '{"path":"src/a.ts"}', status: 'in_progress' } });
  assert.equal(t.reviews.view(handle.runId)?.progress, 'Reading src/a.ts');

  call.settle(result([finding('src/a.ts', 3, 1), finding('src/a.ts', 9, 2), finding('src/b.ts', 1, 0, 0.4)]));
  const done = await handle.done;
  assert.equal(done.status, 'done');
  assert.equal(done.progress, undefined);
  assert.equal(done.description, 'uncommitted changes', 'the host\'s words (localized), not the reviewer\'s');
  assert.deepEqual(done.findings.map((f) => [f.id, f.path, f.startLine]), [[`${handle.runId}f0`, 'src/a.ts', 3]]);
  assert.equal(done.hidden, 2);

  t.set({ minPriority: 3, minConfidence: 0.3 });
  t.reviews.refresh();
  assert.deepEqual(t.reviews.views()[0].findings.map((f) => f.startLine), [3, 9, 1], 'kept findings show without reviewing again');
});

test('a new request replaces and stops the running one; cancel and failure end a run with a status', async () => {
  const t = service();
  const first = t.reviews.review({ type: 'uncommitted' });
  await t.called(1);
  const second = t.reviews.review({ type: 'branch', base: 'main' });
  assert.equal((await first.done).status, 'cancelled');
  assert.deepEqual(t.reviews.views().map((v) => [v.id, v.description]), [[second.runId, 'this branch against main']]);
  assert.equal(t.reviews.cancel(second.runId), true);
  assert.equal((await second.done).status, 'cancelled');
  assert.equal(t.reviews.cancel(second.runId), false, 'not running any more');

  // the second was stopped before it reached the core
  const third = t.reviews.review({ type: 'commit', sha: 'abcdef0123456789' });
  (await t.called(2)).settle(new Error('Nothing to review: there are no uncommitted changes.'));
  const failed = await third.done;
  assert.deepEqual([failed.status, failed.error, failed.description], ['failed', 'Nothing to review: there are no uncommitted changes.', 'commit abcdef0123']);
});

test('/review in the chat: placed after an item of its session; another session drops it; the empty chat\'s is adopted', async () => {
  const t = service();
  const h = t.reviews.review({ type: 'uncommitted' }, { sessionId: 's1', afterItemId: 'item_7' });
  assert.deepEqual(t.reviews.view(h.runId)?.chat, { afterItemId: 'item_7' });
  t.reviews.sessionChanged('s1');
  assert.equal(t.reviews.views().length, 1);
  t.reviews.sessionChanged('s2');
  assert.equal((await h.done).status, 'cancelled');
  assert.equal(t.reviews.views().length, 0, 'the other session\'s review is gone');

  const empty = t.reviews.review({ type: 'staged' }, {});
  assert.deepEqual(t.reviews.view(empty.runId)?.chat, {});
  t.reviews.sessionChanged('s3'); // the empty chat's first message started s3
  assert.equal(t.reviews.view(empty.runId)?.sessionId, 's3');
  const palette = t.reviews.review({ type: 'uncommitted' });
  t.reviews.sessionChanged('s4');
  assert.equal(t.reviews.view(palette.runId)?.status, 'running', 'a review from the palette belongs to no session');
});

function staged(path: string, oldText: string, newText: string): StagedChange {
  const hunks = computeHunks(oldText, newText).map(publicHunk);
  return { path, kind: 'modify', binary: false, ...countChanges(hunks), hunks, stale: false };
}
const OLD = Array.from({ length: 30 }, (_, i) => `l${i + 1}\n`).join('');
const NEW = OLD.replace('l3\n', 'l3\nx1\nx2\n').replace('l20\n', 'L20\n');

test('the background review: findings on hunks, following them as the staged changes move, dismissed through the store', async () => {
  const t = service();
  const changes = [staged('a.ts', OLD, NEW)];
  const staging = fakeStaging(changes);
  const h = t.reviews.reviewStaged({ sessionId: 's1', staging, changes });
  const call = await t.called(1);
  assert.equal(call.options.target.type, 'patch');
  assert.equal(call.options.staged, staging, 'the reviewer reads and searches the staged view');
  // meanwhile the user rejected the insertion hunk: the second hunk moved up by 2
  const later = [staged('a.ts', OLD, OLD.replace('l20\n', 'L20\n'))];
  t.reviews.stagedChanged('s1', later);
  call.settle(result([finding('a.ts', 4), finding('a.ts', 22)], { description: "Tandem's staged changes" }));
  const done = await h.done;
  assert.deepEqual(done.findings.map((f) => [f.startLine, f.hunkId]), [[20, later[0].hunks[0].id]], 'the rejected hunk\'s finding went, the other moved');

  const fixes: string[] = [];
  const targets = { sendTo: async (id: string | undefined, text: string) => void fixes.push(`send ${id}: ${text.split('\n')[0]}`), startNew: async (text: string) => void fixes.push(`new: ${text.split('\n')[0]}`) };
  await fixFindings(t.reviews, targets, h.runId);
  assert.deepEqual(fixes, ['send s1: A code review of your staged changes (not applied yet) found this problem:']);

  assert.equal(await t.reviews.dismiss(h.runId, done.findings[0].id, 'intended'), true);
  assert.deepEqual(t.dismissed, [{ fingerprint: 'fp-a.ts-22', reason: 'intended' }]);
  assert.deepEqual(t.reviews.views()[0].findings, []);
  await assert.rejects(t.reviews.dismiss(h.runId, done.findings[0].id), /no longer shown/);
  await assert.rejects(fixFindings(t.reviews, targets, h.runId), /no findings to fix/);

  // the next review is told what was dismissed
  t.reviews.review({ type: 'uncommitted' });
  assert.deepEqual([...((await t.called(2)).options.dismissed ?? [])], ['fp-a.ts-22']);
});

test('fix: a palette review starts a new session, a chat review continues its chat', async () => {
  const t = service();
  const fixes: string[] = [];
  const targets = { sendTo: async (id: string | undefined) => void fixes.push(`send ${id}`), startNew: async (_text: string, a: unknown[]) => void fixes.push(`new with ${a.length} attachment(s)`) };
  const palette = t.reviews.review({ type: 'uncommitted' });
  (await t.called(1)).settle(result([finding('src/a.ts', 3)]));
  const run = await palette.done;
  await fixFindings(t.reviews, targets, palette.runId, [run.findings[0].id]);
  const chat = t.reviews.review({ type: 'uncommitted' }, { sessionId: 's9' });
  (await t.called(2)).settle(result([finding('src/a.ts', 3)]));
  await chat.done;
  await fixFindings(t.reviews, targets, chat.runId);
  assert.deepEqual(fixes, ['new with 1 attachment(s)', 'send s9']);
  await assert.rejects(fixFindings(t.reviews, targets, 'r404'), /no longer shown/);
});
