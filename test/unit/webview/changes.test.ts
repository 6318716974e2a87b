// The Changes area rendered to markup: the names the end-to-end tests use
// (docs/ACCESSIBILITY.md), counts, and the stale / conflict / protected / binary states;
// and the requests its controls send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { ChangedFileSummary } from '../../../src/protocol';
import { AppContext } from '../../../webview/context';
import { ChangesArea, ChangesView } from '../../../webview/components/changes/ChangesArea';
import { FileReview, type FileReviewProps } from '../../../webview/components/changes/FileReview';
import { ChangesHeader } from '../../../webview/components/changes/ChangesHeader';
import { useReview } from '../../../webview/components/changes/useReview';
import { fakeDeps, snapshot } from './fixtures';

const modified: ChangedFileSummary = {
  path: 'src/cli/args.ts',
  kind: 'modify',
  added: 3,
  removed: 2,
  stale: true,
  binary: false,
  hunks: [
    { id: 'h0', header: '@@ -1,3 +1,3 @@', lines: [' import a;', '-const x = 1;', '+const x = 2;', ' end'] },
    { id: 'h1', header: '@@ -10,2 +10,3 @@', lines: [' f();', '+g();', ' h();'] },
    { id: 'h2', header: '@@ -20,2 +21,2 @@', lines: ['-old()', '+neu()', ' tail'], newNoNewlineAtEnd: true },
  ],
};
const added: ChangedFileSummary = { path: 'test/args.test.ts', kind: 'add', added: 2, removed: 0, stale: false, binary: false, hunks: [{ id: 'h0', header: '@@ -0,0 +1,2 @@', lines: ['+a', '+b'] }] };
const settings: ChangedFileSummary = { path: '.vscode/settings.json', kind: 'delete', added: 0, removed: 1, stale: false, binary: false, protected: 'editor settings', hunks: [{ id: 'h0', header: '@@ -1,1 +0,0 @@', lines: ['-{}'] }] };
const logo: ChangedFileSummary = { path: 'media/logo.png', kind: 'rename', from: 'media/old.png', added: 0, removed: 0, stale: false, binary: true, hunks: [] };

function render(el: ReactElement, deps = fakeDeps().deps) {
  return renderToString(h(AppContext.Provider, { value: deps }, el)).replace(/<!-- -->/g, '');
}

const noop = () => undefined;
const fileProps = (change: ChangedFileSummary, extra: Partial<FileReviewProps> = {}): FileReviewProps => ({
  change,
  expanded: true,
  busy: false,
  onToggle: noop,
  onAct: noop,
  onOpenDiff: noop,
  onDismissError: noop,
  ...extra,
});

test('header: pending count, totals, what needs attention, Apply all and Discard all', () => {
  const out = render(h(ChangesHeader, { changes: [modified, added, settings], open: false, busy: false, onToggle: noop, onAct: noop }));
  assert.match(out, /class="changes-toggle" aria-expanded="false"[^>]*>.*3 files changed<\/button>/);
  assert.match(out, /aria-label="5 lines added, 3 removed"/);
  assert.match(out, />1 stale</);
  assert.match(out, />1 protected</);
  // compact icon buttons: a name and a tooltip each
  assert.match(out, /class="icon-button" aria-label="Discard all" title="Discard all staged changes"><span class="codicon codicon-discard"/);
  assert.match(out, /aria-label="Apply all" title="Apply all staged changes"><span class="codicon codicon-check-all"/);
});

test('the area is a region named "Staged changes", hidden while nothing is staged', () => {
  const empty = render(h(ChangesView, { changes: [], errors: {} }));
  assert.match(empty, /<section[^>]*aria-label="Staged changes"[^>]*hidden=""/);
  const some = render(h(ChangesView, { changes: [modified, added], errors: {}, initialOpen: true }));
  assert.doesNotMatch(some, /hidden=""/);
  assert.match(some, /aria-label="src\/cli\/args.ts"[^>]*aria-expanded="false"|aria-expanded="false"[^>]*aria-label="src\/cli\/args.ts"/);
  assert.match(some, /aria-label="test\/args.test.ts"/);
});

test('the area follows the store (changes/updated)', () => {
  const { deps } = fakeDeps();
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { changes: [modified] }) });
  assert.match(render(h(ChangesArea), deps), /1 file changed/);
  deps.store.dispatch({ type: 'changes/updated', params: { changes: [modified, added] } });
  assert.match(render(h(ChangesArea), deps), /2 files changed/);
  deps.store.dispatch({ type: 'changes/updated', params: { changes: [] } });
  assert.doesNotMatch(render(h(ChangesArea), deps), /files? changed/);
});

test('an expanded modified file: per-hunk controls named by position, whole-file controls, the diff', () => {
  const out = render(h(FileReview, fileProps(modified)));
  assert.match(out, /aria-expanded="true"/);
  for (let i = 1; i <= 3; i++) {
    assert.match(out, new RegExp(`aria-label="Apply hunk ${i} of 3 in src/cli/args.ts" title="Apply"><span class="codicon codicon-check"`));
    assert.match(out, new RegExp(`aria-label="Reject hunk ${i} of 3 in src/cli/args.ts" title="Reject"><span class="codicon codicon-discard"`));
    assert.match(out, new RegExp(`aria-label="Reject with reason: hunk ${i} of 3 in src/cli/args.ts"`));
    assert.match(out, new RegExp(`role="group" aria-label="Hunk ${i} of 3"`));
  }
  assert.match(out, /aria-label="Apply file src\/cli\/args.ts" title="Apply"/);
  assert.match(out, /aria-label="Reject file src\/cli\/args.ts" title="Reject"/);
  assert.match(out, /aria-label="Reject with reason: file src\/cli\/args.ts" title="Reject with a reason for Tandem"/);
  assert.match(out, /aria-label="Open diff of src\/cli\/args.ts" title="Open diff"/);
  // the diff is highlighted by the file's language
  assert.match(out, /class="diff hl"/);
  assert.match(out, /<span class="tk-keyword">const<\/span>/);
  assert.match(out, /@@ -10,2 \+10,3 @@/);
  assert.match(out, /No newline at end of file/);
  assert.match(out, /will merge with your edits/, 'stale files say what applying does');
  assert.match(out, />stale</);
});

test('a collapsed file is one line: name, counts, badges and its file actions, no hunks or diff', () => {
  const out = render(h(FileReview, fileProps(modified, { expanded: false })));
  assert.match(out, /aria-expanded="false"/);
  assert.match(out, /class="change-name" translate="no">args.ts</);
  assert.match(out, /class="change-dir" translate="no"><bdi>src\/cli<\/bdi></);
  assert.match(out, /aria-label="3 lines added, 2 removed"/);
  assert.match(out, /aria-label="Apply file src\/cli\/args.ts"/);
  assert.doesNotMatch(out, /Apply hunk/);
  assert.doesNotMatch(out, /diff-row/);
});

test('added, deleted and renamed files are reviewed whole; binary files show no diff', () => {
  const add = render(h(FileReview, fileProps(added)));
  assert.doesNotMatch(add, /Apply hunk/);
  assert.match(add, /aria-label="Apply file test\/args.test.ts"/);
  assert.match(add, /A new file is applied or rejected whole/);
  assert.match(add, /diff-row diff-add/);
  const bin = render(h(FileReview, fileProps(logo)));
  assert.match(bin, /Binary file: apply or reject it whole/);
  assert.match(bin, /Renamed from media\/old.png/);
  assert.match(bin, />binary</);
  assert.doesNotMatch(bin, /diff-row|Apply hunk/);
  assert.match(bin, /aria-label="Reject file media\/logo.png"/);
});

test('protected files are flagged with the reason', () => {
  const out = render(h(FileReview, fileProps(settings)));
  assert.match(out, /class="badge badge-warning">protected</);
  assert.match(out, /Protected \(editor settings\): applying asks you to confirm/);
});

test('a conflict stays on its file as an alert, with a badge and a dismiss button, even collapsed', () => {
  const error = 'Not applied: src/cli/args.ts (conflict with your edits at line 2).';
  const out = render(h(FileReview, fileProps(modified, { expanded: false, error })));
  assert.match(out, /role="alert"[^>]*>.*conflict with your edits at line 2/);
  assert.match(out, />not applied</);
  assert.match(out, /aria-label="Dismiss error for src\/cli\/args.ts"/);
  const view = render(h(ChangesView, { changes: [modified], errors: { [modified.path]: error }, initialOpen: true }));
  assert.match(view, /conflict with your edits at line 2/);
});

test('many hunks: only the first ones are rendered, the rest behind "Show more hunks"', () => {
  const hunks = Array.from({ length: 45 }, (_, i) => ({ id: `h${i}`, header: `@@ -${i * 10 + 1},1 +${i * 10 + 1},1 @@`, lines: [`-a${i}`, `+b${i}`] }));
  const out = render(h(FileReview, fileProps({ ...modified, stale: false, hunks })));
  assert.equal(out.match(/role="group" aria-label="Hunk /g)?.length, 20);
  assert.match(out, />Show more hunks of src\/cli\/args.ts \(25 hidden\)</);
});

test('review requests: a file apply, a hunk reject with reason; a failure is kept on the file', async () => {
  const { deps, calls } = fakeDeps({ 'changes/apply': { ok: true, message: 'Applied src/cli/args.ts (3 of 3 hunks).' } });
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { changes: [modified] }) });
  let review: ReturnType<typeof useReview> | undefined;
  const Probe = () => {
    review = useReview();
    return null;
  };
  render(h(Probe), deps);
  assert.equal(await review!.act('apply', { path: modified.path }), true);
  assert.deepEqual(calls.at(-1), { method: 'changes/apply', params: { path: modified.path } });
  assert.match(deps.store.getState().notices.at(-1)!.message, /Applied src\/cli\/args.ts/);

  // changes/reject has no fake: the request fails, and the failure stays on the file
  assert.equal(await review!.act('reject', { path: modified.path, hunkIds: ['h1'], reason: 'keep g out' }), false);
  assert.deepEqual(calls.at(-1), { method: 'changes/reject', params: { path: modified.path, hunkIds: ['h1'], reason: 'keep g out' } });
  assert.match(deps.store.getState().reviewErrors[modified.path], /no fake for changes\/reject/);
  // acting again clears it first
  await review!.act('apply', { path: modified.path });
  assert.equal(deps.store.getState().reviewErrors[modified.path], undefined);
});

test('Apply all: conflicts named in the result message land on their files', async () => {
  const message = 'Applied test/args.test.ts (1 of 1 hunks).\nNot applied: src/cli/args.ts (conflict with your edits at line 2).';
  const { deps } = fakeDeps({ 'changes/apply': { ok: true, message } });
  deps.store.dispatch({ type: 'state/snapshot', params: snapshot([], { changes: [modified, added] }) });
  let review: ReturnType<typeof useReview> | undefined;
  const Probe = () => {
    review = useReview();
    return null;
  };
  render(h(Probe), deps);
  await review!.act('apply', {});
  assert.match(deps.store.getState().reviewErrors['src/cli/args.ts'], /conflict with your edits/);
  assert.equal(deps.store.getState().reviewErrors['test/args.test.ts'], undefined);
  assert.equal(deps.store.getState().notices.at(-1)!.kind, 'error');
});
