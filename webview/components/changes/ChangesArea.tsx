// The Changes area above the composer: every staged file, live from changes/updated,
// under a header with the pending count, Apply all and Discard all (which asks first,
// as does Apply all when protected files are pending). Files expand to their inline
// diff with per-hunk review (FileReview).
// Focus: after an action, when the acted-on hunk disappears the focus moves to the hunk
// now in its place (else the last one, else the file's header); when the file
// disappears, to the next file's header (else the previous one, else the composer).
// The chat's file cards reveal a file here through REVEAL_CHANGE_EVENT.
import * as l10n from '@vscode/l10n';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { useCall, useDeps, useIsoLayoutEffect, useSelect } from '../../context';
import { ChangesHeader } from './ChangesHeader';
import { hunkKey } from './diffRows';
import { FileReview, type FocusHint } from './FileReview';
import { REVEAL_CHANGE_EVENT, type RevealChangeDetail } from './reveal';
import { ALL, useReview, type ReviewTarget, type ReviewVerb } from './useReview';
import { StagedReviewStatus } from '../review/StagedReviewStatus';

interface FocusIntent extends FocusHint {
  path: string;
  fileIndex: number;
}

export function ChangesArea() {
  const changes = useSelect((s) => s.changes);
  const errors = useSelect((s) => s.reviewErrors);
  return <ChangesView changes={changes} errors={errors} />;
}

export interface ChangesViewProps {
  changes: ChangedFileSummary[];
  errors: Readonly<Record<string, string>>;
  /** For tests and restored views: the list is open / these files are expanded. */
  initialOpen?: boolean;
  initialExpanded?: string[];
}

export function ChangesView({ changes, errors, initialOpen = false, initialExpanded = [] }: ChangesViewProps) {
  const { store } = useDeps();
  const call = useCall();
  const review = useReview();
  const [open, setOpen] = useState(initialOpen);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(initialExpanded));
  const root = useRef<HTMLElement>(null);
  const intent = useRef<FocusIntent | null>(null);
  const changesRef = useRef(changes);
  changesRef.current = changes;

  const onToggle = useCallback((path: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  }, []);

  const { act } = review;
  const onAct = useCallback(
    (verb: ReviewVerb, target: ReviewTarget, hint: FocusHint) => {
      const path = target.path!;
      intent.current = { path, fileIndex: changesRef.current.findIndex((c) => c.path === path), ...hint };
      void act(verb, target).then((ok) => {
        if (!ok && intent.current?.path === path) intent.current = null; // nothing will disappear
      });
    },
    [act],
  );
  const onActAll = useCallback(
    (verb: ReviewVerb) => {
      intent.current = { path: ALL, fileIndex: 0 };
      void act(verb, {}).then((ok) => {
        if (!ok && intent.current?.path === ALL) intent.current = null;
      });
    },
    [act],
  );
  const onOpenDiff = useCallback((path: string) => void call('changes/openDiff', { path }), [call]);
  const onDismissError = useCallback((path: string) => store.dispatch({ type: 'review/clear', path }), [store]);

  // Move the focus once what was acted on is gone (see the header comment).
  useIsoLayoutEffect(() => {
    const want = intent.current;
    const el = root.current;
    if (!want) return;
    const file = changes.find((c) => c.path === want.path);
    let target: HTMLElement | null | undefined;
    if (!file) {
      const next = changes[Math.min(want.fileIndex, changes.length - 1)];
      target = next
        ? (headerOf(el, next.path) ?? el?.querySelector<HTMLElement>('.changes-toggle'))
        : document.querySelector<HTMLElement>('.composer-input');
    } else if (want.hunkKey !== undefined && !file.hunks.some((h) => hunkKey(h) === want.hunkKey)) {
      const at = Math.min(want.hunkIndex ?? 0, file.hunks.length - 1);
      target = (at >= 0 && fileOf(el, file.path)?.querySelector<HTMLElement>(`[data-hunk-index="${at}"] .icon-button-apply`)) || headerOf(el, file.path);
    } else {
      return; // not gone yet: wait for the next changes/updated
    }
    intent.current = null;
    const active = document.activeElement;
    const free = !active || active === document.body || (el !== null && el.contains(active));
    if (target && free) target.focus();
  }, [changes]);

  // Reveal a file asked for by the chat: open the list, expand it, scroll to and focus it.
  useEffect(() => {
    const reveal = (e: Event) => {
      const { path } = (e as CustomEvent<RevealChangeDetail>).detail;
      if (!changesRef.current.some((c) => c.path === path)) return;
      setOpen(true);
      setExpanded((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
      const focus = (tries: number) =>
        requestAnimationFrame(() => {
          const header = headerOf(root.current, path);
          if (header) {
            header.scrollIntoView({ block: 'start' });
            header.focus();
          } else if (tries > 0) focus(tries - 1);
        });
      focus(10);
    };
    window.addEventListener(REVEAL_CHANGE_EVENT, reveal);
    return () => window.removeEventListener(REVEAL_CHANGE_EVENT, reveal);
  }, []);

  return (
    <section ref={root} className={`changes${changes.length === 0 ? ' changes-empty' : ''}`} aria-label={l10n.t('Staged changes')} hidden={changes.length === 0}>
      {changes.length > 0 && (
        <>
          <ChangesHeader changes={changes} open={open} onToggle={() => setOpen(!open)} busy={review.busy.size > 0} onAct={onActAll} />
          <StagedReviewStatus />
          {open && (
            <ul className="changes-list">
              {changes.map((c) => (
                <FileReview
                  key={c.path}
                  change={c}
                  expanded={expanded.has(c.path)}
                  busy={review.busy.has(c.path) || review.busy.has(ALL)}
                  error={errors[c.path]}
                  onToggle={onToggle}
                  onAct={onAct}
                  onOpenDiff={onOpenDiff}
                  onDismissError={onDismissError}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function fileOf(root: HTMLElement | null, path: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`[data-file="${CSS.escape(path)}"]`) ?? null;
}

function headerOf(root: HTMLElement | null, path: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`[data-file-header="${CSS.escape(path)}"]`) ?? null;
}
