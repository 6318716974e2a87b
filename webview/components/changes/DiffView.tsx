// The unified diff of one hunk: old and new line numbers, a +/− sign, the text. Rows
// past `limit` are not rendered (a "Show more lines" button adds SHOW_MORE_LINES), so a
// 5,000-line hunk costs a few hundred DOM rows until someone asks for more.
// Colours come from the editor's diff variables; the sign column and a side bar keep
// added/removed lines distinguishable where those are undefined (high contrast).
import { memo, useMemo, useState } from 'react';
import type { ChangedHunk } from '../../../src/protocol';
import { diffRows, gutterDigits, HUNK_LINE_CAP, SHOW_MORE_LINES, type DiffRow } from './diffRows';

const SIGN = { context: ' ', add: '+', del: '−', note: '' } as const;
/** Read before the text of a line by screen readers (the sign column is hidden from them). */
const SPOKEN = { context: '', add: 'added: ', del: 'removed: ', note: '' } as const;

export const DiffView = memo(function DiffView({ hunk, target, initialLimit = HUNK_LINE_CAP }: { hunk: ChangedHunk; target: string; initialLimit?: number }) {
  const rows = useMemo(() => diffRows(hunk), [hunk]);
  const [limit, setLimit] = useState(initialLimit);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const hidden = rows.length - shown.length;
  const digits = gutterDigits(rows);
  return (
    <div className="diff" style={{ '--t-ln': `${digits}ch` } as React.CSSProperties}>
      {shown.map((row, i) => (
        <DiffLine key={i} row={row} />
      ))}
      {hidden > 0 && (
        <button
          type="button"
          className="link-button diff-more"
          aria-label={`Show more lines of ${target} (${hidden.toLocaleString('en-US')} hidden)`}
          onClick={() => setLimit(limit + SHOW_MORE_LINES)}
        >
          Show more lines ({hidden.toLocaleString('en-US')} hidden)
        </button>
      )}
    </div>
  );
});

export function DiffLine({ row }: { row: DiffRow }) {
  if (row.kind === 'note') {
    return (
      <div className="diff-row diff-note">
        <span className="diff-ln" aria-hidden="true" />
        <span className="diff-ln" aria-hidden="true" />
        <span className="diff-sign" aria-hidden="true" />
        <span className="diff-text">{`\\ ${row.text}`}</span>
      </div>
    );
  }
  return (
    <div className={`diff-row diff-${row.kind}`}>
      <span className="diff-ln" aria-hidden="true">
        {row.old ?? ''}
      </span>
      <span className="diff-ln" aria-hidden="true">
        {row.new ?? ''}
      </span>
      <span className="diff-sign" aria-hidden="true">
        {SIGN[row.kind]}
      </span>
      <span className="diff-text">
        {SPOKEN[row.kind] && <span className="offscreen">{SPOKEN[row.kind]}</span>}
        {row.text}
      </span>
    </div>
  );
}
