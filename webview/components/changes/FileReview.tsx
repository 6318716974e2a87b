// One staged file in the Changes area: a header button (named by the path) that expands
// its inline diff, +/- counts and state badges; when expanded, notes (renamed, stale,
// protected, binary), whole-file Open diff / Apply / Reject, and the hunks with their
// own Apply / Reject (modified text files only; see hunksReviewable).
// Protected paths ask once more, inline, before anything is applied.
import { memo, useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { plural } from '../../format';
import { LineCounts } from '../chat/items/Cards';
import { ConfirmBar } from './ConfirmBar';
import { DiffView } from './DiffView';
import { FILE_HUNK_CAP, hunkKey, hunksReviewable, hunkTarget, KIND_LABEL, KIND_LETTER } from './diffRows';
import { ReviewButtons } from './ReviewButtons';
import { FileFindingsBadge, HunkFindings } from '../review/HunkFindings';
import type { ReviewTarget, ReviewVerb } from './useReview';
import { AgentBadges, ConflictNote } from './ChangeAttribution';

/** Where focus should go if the acted-on hunk disappears. */
export interface FocusHint {
  hunkKey?: string;
  hunkIndex?: number;
}

const WHOLE_ONLY = {
  add: 'A new file is applied or rejected whole.',
  delete: 'A deletion is applied or rejected whole.',
  rename: 'A rename is applied or rejected whole.',
  modify: '',
} as const;

export interface FileReviewProps {
  change: ChangedFileSummary;
  expanded: boolean;
  busy: boolean;
  error?: string;
  onToggle: (path: string) => void;
  onAct: (verb: ReviewVerb, target: ReviewTarget, hint: FocusHint) => void;
  onOpenDiff: (path: string) => void;
  onDismissError: (path: string) => void;
}

export const FileReview = memo(function FileReview(props: FileReviewProps) {
  const { change: c, expanded, busy, error, onToggle, onAct, onOpenDiff, onDismissError } = props;
  const [confirm, setConfirm] = useState<{ hunkIds?: string[]; hint: FocusHint } | null>(null);
  const [hunkLimit, setHunkLimit] = useState(FILE_HUNK_CAP);
  const slash = c.path.lastIndexOf('/');
  const name = c.path.slice(slash + 1);
  const dir = slash > 0 ? c.path.slice(0, slash) : '';
  const perHunk = hunksReviewable(c);
  const total = c.hunks.length;

  const apply = (hunkIds: string[] | undefined, hint: FocusHint) => {
    if (c.protected) setConfirm({ hunkIds, hint });
    else onAct('apply', { path: c.path, hunkIds }, hint);
  };
  const confirmBar = (at: string | undefined) =>
    confirm && confirm.hunkIds?.[0] === at ? (
      <ConfirmBar
        message={`${c.path} is protected (${c.protected}). Apply ${at ? 'this hunk' : 'it'} anyway?`}
        confirmLabel="Apply anyway"
        danger
        onConfirm={() => {
          setConfirm(null);
          onAct('apply', { path: c.path, hunkIds: confirm.hunkIds }, confirm.hint);
        }}
        onCancel={() => setConfirm(null)}
      />
    ) : null;

  return (
    <li className={`change-file${expanded ? ' change-file-open' : ''}`} data-file={c.path}>
      <div className="change-row">
        <button
          type="button"
          className="change-file-toggle"
          aria-expanded={expanded}
          aria-label={c.path}
          data-file-header={c.path}
          title={c.from ? `${c.from} → ${c.path}` : c.path}
          onClick={() => onToggle(c.path)}
        >
          <span className="twisty" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          <span className={`kind kind-${c.kind}`} aria-hidden="true">
            {KIND_LETTER[c.kind]}
          </span>
          <span className="change-name">{name}</span>
          {/* rtl keeps the end of a long folder in view; bdi keeps the path itself left to right */}
          {dir && (
            <span className="change-dir">
              <bdi>{dir}</bdi>
            </span>
          )}
        </button>
        <span className="offscreen">{KIND_LABEL[c.kind]}</span>
        {c.binary ? <span className="muted">binary</span> : <LineCounts added={c.added} removed={c.removed} />}
        {c.stale && <span className="badge badge-warning">stale</span>}
        {c.protected && <span className="badge badge-warning">protected</span>}
        <FileFindingsBadge path={c.path} />
        <AgentBadges change={c} />
        {error && <span className="badge badge-error">not applied</span>}
      </div>
      {error && (
        <div className="change-error" role="alert">
          <span className="banner-text">{error}</span>
          <button type="button" className="btn btn-icon" aria-label={`Dismiss error for ${c.path}`} onClick={() => onDismissError(c.path)}>
            ×
          </button>
        </div>
      )}
      {expanded && (
        <div className="change-body">
          {c.kind === 'rename' && c.from && <p className="change-note">Renamed from {c.from}</p>}
          <ConflictNote change={c} />
          {c.stale && (
            <p className="change-note note-warning">
              Changed in your workspace since it was staged: applying will merge with your edits (an overlap is reported
              as a conflict, never overwritten).
            </p>
          )}
          {c.protected && (
            <p className="change-note note-warning">
              Protected ({c.protected}): applying asks you to confirm.
            </p>
          )}
          {c.binary && <p className="change-note">Binary file: apply or reject it whole.</p>}
          {!c.binary && !perHunk && total > 0 && <p className="change-note">{WHOLE_ONLY[c.kind]}</p>}
          <div className="file-actions">
            <button type="button" className="btn btn-ghost btn-compact" aria-label={`Open diff of ${c.path}`} onClick={() => onOpenDiff(c.path)}>
              Open diff
            </button>
            <ReviewButtons
              target={`file ${c.path}`}
              noun="file"
              busy={busy}
              onApply={() => apply(undefined, {})}
              onReject={(reason) => onAct('reject', { path: c.path, reason }, {})}
            />
          </div>
          {confirmBar(undefined)}
          {!c.binary &&
            c.hunks.slice(0, hunkLimit).map((h, i) => {
              const target = hunkTarget(c.path, i, total);
              const hint = { hunkKey: hunkKey(h), hunkIndex: i };
              return (
                <div key={hunkKey(h)} className="hunk" role="group" aria-label={`Hunk ${i + 1} of ${total}`} data-hunk-index={i}>
                  <div className="hunk-head">
                    <code className="hunk-header">{h.header}</code>
                    {perHunk && (
                      <ReviewButtons
                        target={target}
                        noun="hunk"
                        busy={busy}
                        onApply={() => apply([h.id], hint)}
                        onReject={(reason) => onAct('reject', { path: c.path, hunkIds: [h.id], reason }, hint)}
                      />
                    )}
                  </div>
                  {confirmBar(h.id)}
                  <DiffView hunk={h} target={target} />
                  <HunkFindings path={c.path} hunkId={h.id} target={target} />
                </div>
              );
            })}
          {!c.binary && total > hunkLimit && (
            <button
              type="button"
              className="link-button diff-more"
              aria-label={`Show more hunks of ${c.path} (${total - hunkLimit} hidden)`}
              onClick={() => setHunkLimit(hunkLimit + FILE_HUNK_CAP)}
            >
              Show more hunks ({plural(total - hunkLimit, 'hunk')} hidden)
            </button>
          )}
        </div>
      )}
    </li>
  );
});
