// The unified diff of one hunk: old and new line numbers, a +/− sign, the text. Rows
// past `limit` are not rendered (a "Show more lines" button adds SHOW_MORE_LINES), so a
// 5,000-line hunk costs a few hundred DOM rows until someone asks for more.
// Colours come from the editor's diff variables; the sign column and a side bar keep
// added/removed lines distinguishable where those are undefined (high contrast).
// Syntax highlighting by the file's language: the old side (context and removed lines)
// and the new side (context and added lines) are each highlighted as one text, so a
// comment or string spanning lines keeps its colour, then split back into rows.
import * as l10n from '@vscode/l10n';
import { memo, useMemo, useState } from 'react';
import type { ChangedHunk } from '../../../src/protocol';
import { highlightLines, languageForPath } from '../../highlight/highlight';
import { diffRows, gutterDigits, HUNK_LINE_CAP, SHOW_MORE_LINES, type DiffRow } from './diffRows';

const SIGN = { context: ' ', add: '+', del: '−', note: '' } as const;
/** Read before the text of a line by screen readers (the sign column is hidden from them). */
function spoken(kind: DiffRow['kind']): string {
  if (kind === 'add') return l10n.t('added: ');
  if (kind === 'del') return l10n.t('removed: ');
  return '';
}

/** Highlighted HTML per row (undefined: plain text), each side highlighted as one text. */
export function highlightRows(rows: DiffRow[], language: string | undefined): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(rows.length).fill(undefined);
  if (!language) return out;
  for (const side of ['old', 'new'] as const) {
    const at: number[] = [];
    rows.forEach((r, i) => {
      if (r.kind === 'context' || (side === 'old' ? r.kind === 'del' : r.kind === 'add')) at.push(i);
    });
    if (at.length === 0) continue;
    const lines = highlightLines(at.map((i) => rows[i].text).join('\n'), language);
    if (!lines) return out;
    at.forEach((rowIndex, k) => {
      if (rows[rowIndex].kind !== 'context' || side === 'new') out[rowIndex] = lines[k];
    });
  }
  return out;
}

export const DiffView = memo(function DiffView({ hunk, target, path, initialLimit = HUNK_LINE_CAP }: { hunk: ChangedHunk; target: string; path?: string; initialLimit?: number }) {
  const rows = useMemo(() => diffRows(hunk), [hunk]);
  const [limit, setLimit] = useState(initialLimit);
  const shown = useMemo(() => (rows.length > limit ? rows.slice(0, limit) : rows), [rows, limit]);
  const language = path ? languageForPath(path) : undefined;
  const html = useMemo(() => highlightRows(shown, language), [shown, language]);
  const hidden = rows.length - shown.length;
  const digits = gutterDigits(rows);
  return (
    <div className={`diff${language ? ' hl' : ''}`} style={{ '--t-ln': `${digits}ch` } as React.CSSProperties} translate="no">
      {shown.map((row, i) => (
        <DiffLine key={i} row={row} html={html[i]} />
      ))}
      {hidden > 0 && (
        <button type="button" className="link-button diff-more" translate="yes" onClick={() => setLimit(limit + SHOW_MORE_LINES)}>
          {l10n.t('Show more lines of {0} ({1} hidden)', target, hidden.toLocaleString())}
        </button>
      )}
    </div>
  );
});

export function DiffLine({ row, html }: { row: DiffRow; html?: string }) {
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
        {spoken(row.kind) && (
          <span className="offscreen" translate="yes">
            {spoken(row.kind)}
          </span>
        )}
        {html === undefined ? row.text : <span dangerouslySetInnerHTML={{ __html: html }} />}
      </span>
    </div>
  );
}
