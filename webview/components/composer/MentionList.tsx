// The `@` mention suggestions: a listbox driven from the composer's textarea, which
// keeps focus and points at the active option with aria-activedescendant.
import * as l10n from '@vscode/l10n';
import type { FileMatch } from '../../../src/protocol';
import { baseName } from '../../format';

export interface MentionListProps {
  id: string;
  matches: FileMatch[];
  active: number;
  loading: boolean;
  onPick(path: string): void;
  onHover(index: number): void;
}

export function optionId(listId: string, i: number): string {
  return `${listId}-opt-${i}`;
}

export function MentionList({ id, matches, active, loading, onPick, onHover }: MentionListProps) {
  return (
    <div className="mentions">
      <ul id={id} role="listbox" aria-label={l10n.t('Files')} className="mention-list">
        {matches.map((m, i) => {
          const name = baseName(m.path);
          const dirLength = m.path.length - name.length;
          return (
            <li
              key={m.path}
              id={optionId(id, i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'mention mention-active' : 'mention'}
              // mousedown, not click: the textarea must not lose focus before the pick
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(m.path);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span className="mention-name" translate="no">{highlight(name, m, dirLength)}</span>
              <span className="mention-dir muted" translate="no">{m.path.slice(0, dirLength)}</span>
            </li>
          );
        })}
      </ul>
      {matches.length === 0 && <div className="mention-empty muted">{loading ? l10n.t('Searching…') : l10n.t('No matching files')}</div>}
    </div>
  );
}

/** Marks the matched characters of `text` (which starts at `offset` in the path). */
function highlight(text: string, m: FileMatch, offset: number) {
  const hits = new Set(m.positions.map((p) => p - offset));
  const out: (string | JSX.Element)[] = [];
  let plain = '';
  for (let i = 0; i < text.length; i++) {
    if (hits.has(i)) {
      if (plain) out.push(plain);
      plain = '';
      out.push(<mark key={i}>{text[i]}</mark>);
    } else plain += text[i];
  }
  if (plain) out.push(plain);
  return out;
}
