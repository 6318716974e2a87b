// One staged file in the Changes area, one dense line: a header button (named by the
// path) that expands its inline diff, kind, +/- counts, state badges, and the file's
// actions (open diff, reject with reason, reject, apply) as icon buttons shown on hover
// and keyboard focus. When expanded: notes (renamed, stale, protected, binary) and the
// hunks, each with the same actions (modified text files only; see hunksReviewable).
// Protected paths ask once more, inline, before anything is applied.
import * as l10n from '@vscode/l10n';
import { memo, useState } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { LineCounts } from '../chat/items/Cards';
import { Badge } from '../ui/Badge';
import { Icon } from '../ui/Icon';
import { IconButton } from '../ui/IconButton';
import { ConfirmBar } from './ConfirmBar';
import { DiffView } from './DiffView';
import { FILE_HUNK_CAP, fileTarget, hunkKey, hunksReviewable, hunkTarget, kindLabel, KIND_LETTER } from './diffRows';
import { ReasonForm, ReviewButtons } from './ReviewButtons';
import { FileFindingsBadge, HunkFindings } from '../review/HunkFindings';
import type { ReviewTarget, ReviewVerb } from './useReview';
import { AgentBadges, ConflictNote } from './ChangeAttribution';

/** Where focus should go if the acted-on hunk disappears. */
export interface FocusHint {
  hunkKey?: string;
  hunkIndex?: number;
}

function wholeOnly(kind: ChangedFileSummary['kind']): string {
  if (kind === 'add') return l10n.t('A new file is applied or rejected whole.');
  if (kind === 'delete') return l10n.t('A deletion is applied or rejected whole.');
  if (kind === 'rename') return l10n.t('A rename is applied or rejected whole.');
  return '';
}

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

/** `undefined` stands for the whole file, a hunk id for that hunk. */
type At = string | undefined;

export const FileReview = memo(function FileReview(props: FileReviewProps) {
  const { change: c, expanded, busy, error, onToggle, onAct, onOpenDiff, onDismissError } = props;
  const [confirm, setConfirm] = useState<{ hunkIds?: string[]; hint: FocusHint } | null>(null);
  const [asking, setAsking] = useState<{ at: At; hint: FocusHint } | null>(null);
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
  const reject = (at: At, hint: FocusHint, reason?: string) => {
    setAsking(null);
    onAct('reject', { path: c.path, ...(at ? { hunkIds: [at] } : {}), ...(reason ? { reason } : {}) }, hint);
  };
  const below = (at: At, target: string) => (
    <>
      {asking && asking.at === at && (
        <ReasonForm target={target} busy={busy} onReject={(reason) => reject(at, asking.hint, reason)} onClose={() => setAsking(null)} />
      )}
      {confirm && confirm.hunkIds?.[0] === at && (
        <ConfirmBar
          message={
            at
              ? l10n.t('{0} is protected ({1}). Apply this hunk anyway?', c.path, c.protected ?? '')
              : l10n.t('{0} is protected ({1}). Apply it anyway?', c.path, c.protected ?? '')
          }
          confirmLabel={l10n.t('Apply anyway')}
          danger
          onConfirm={() => {
            setConfirm(null);
            onAct('apply', { path: c.path, hunkIds: confirm.hunkIds }, confirm.hint);
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  );
  const fileLabel = fileTarget(c.path);

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
          <Icon name={expanded ? 'chevron-down' : 'chevron-right'} className="twisty" />
          <span className={`kind kind-${c.kind}`} aria-hidden="true" translate="no">
            {KIND_LETTER[c.kind]}
          </span>
          <span className="change-name" translate="no">
            {name}
          </span>
          {/* rtl keeps the end of a long folder in view; bdi keeps the path itself left to right */}
          {dir && (
            <span className="change-dir" translate="no">
              <bdi>{dir}</bdi>
            </span>
          )}
        </button>
        <span className="offscreen">{kindLabel(c.kind)}</span>
        {c.stale && <Badge tone="warning">{l10n.t('stale')}</Badge>}
        {c.protected && <Badge tone="warning">{l10n.t('protected')}</Badge>}
        <FileFindingsBadge path={c.path} />
        <AgentBadges change={c} />
        {error && <Badge tone="error">{l10n.t('not applied')}</Badge>}
        <ReviewButtons
          target={fileLabel}
          busy={busy}
          onOpenDiff={() => onOpenDiff(c.path)}
          diffLabel={l10n.t('Open diff of {0}', c.path)}
          onApply={() => apply(undefined, {})}
          onReject={() => reject(undefined, {})}
          onAskReason={() => setAsking({ at: undefined, hint: {} })}
        />
        {c.binary ? <span className="muted counts">{l10n.t('binary')}</span> : <LineCounts added={c.added} removed={c.removed} />}
      </div>
      {error && (
        <div className="change-error" role="alert">
          <span className="banner-text">{error}</span>
          <IconButton icon="close" label={l10n.t('Dismiss error for {0}', c.path)} onClick={() => onDismissError(c.path)} />
        </div>
      )}
      {below(undefined, fileLabel)}
      {expanded && (
        <div className="change-body">
          {c.kind === 'rename' && c.from && <p className="change-note">{l10n.t('Renamed from {0}', c.from)}</p>}
          <ConflictNote change={c} />
          {c.stale && (
            <p className="change-note note-warning">
              {l10n.t('Changed in your workspace since it was staged: applying will merge with your edits (an overlap is reported as a conflict, never overwritten).')}
            </p>
          )}
          {c.protected && <p className="change-note note-warning">{l10n.t('Protected ({0}): applying asks you to confirm.', c.protected)}</p>}
          {c.binary && <p className="change-note">{l10n.t('Binary file: apply or reject it whole.')}</p>}
          {!c.binary && !perHunk && total > 0 && <p className="change-note">{wholeOnly(c.kind)}</p>}
          {!c.binary &&
            c.hunks.slice(0, hunkLimit).map((h, i) => {
              const target = hunkTarget(c.path, i, total);
              const hint = { hunkKey: hunkKey(h), hunkIndex: i };
              return (
                <div key={hunkKey(h)} className="hunk" role="group" aria-label={l10n.t('Hunk {0} of {1}', i + 1, total)} data-hunk-index={i}>
                  <div className="hunk-head">
                    <code className="hunk-header" translate="no">
                      {h.header}
                    </code>
                    {perHunk && (
                      <ReviewButtons
                        target={target}
                        busy={busy}
                        onApply={() => apply([h.id], hint)}
                        onReject={() => reject(h.id, hint)}
                        onAskReason={() => setAsking({ at: h.id, hint })}
                      />
                    )}
                  </div>
                  {below(h.id, target)}
                  <DiffView hunk={h} target={target} path={c.path} />
                  <HunkFindings path={c.path} hunkId={h.id} target={target} />
                </div>
              );
            })}
          {!c.binary && total > hunkLimit && (
            <button type="button" className="link-button diff-more" onClick={() => setHunkLimit(hunkLimit + FILE_HUNK_CAP)}>
              {l10n.t('Show more hunks of {0} ({1} hidden)', c.path, total - hunkLimit)}
            </button>
          )}
        </div>
      )}
    </li>
  );
});
