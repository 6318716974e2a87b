// The `@` mention suggestions: a listbox driven from the composer's textarea, which
// keeps focus and points at the active option with aria-activedescendant.
import type { ReactNode } from 'react';
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

/**
 * One option of a composer suggestion list (files, commands, skills): the listbox
 * semantics, the highlight of the active one, and picking on mousedown.
 */
export function OptionRow(props: { listId: string; index: number; active: boolean; onPick: () => void; onHover: (i: number) => void; children: ReactNode }) {
  const { listId, index, active, onPick, onHover, children } = props;
  return (
    <li
      id={optionId(listId, index)}
      role="option"
      aria-selected={active}
      className={active ? 'mention mention-active' : 'mention'}
      // mousedown, not click: the textarea must not lose focus before the pick
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
      onMouseEnter={() => onHover(index)}
    >
      {children}
    </li>
  );
}

export function MentionList({ id, matches, active, loading, onPick, onHover }: MentionListProps) {
  return (
    <div className="mentions">
      <ul id={id} role="listbox" aria-label={l10n.t('Files')} className="mention-list">
        {matches.map((m, i) => {
          const name = baseName(m.path);
          const dirLength = m.path.length - name.length;
          return (
            <OptionRow key={m.path} listId={id} index={i} active={i === active} onPick={() => onPick(m.path)} onHover={onHover}>
              <span className="mention-name" translate="no">{highlight(name, m, dirLength)}</span>
              <span className="mention-dir muted" translate="no">{m.path.slice(0, dirLength)}</span>
            </OptionRow>
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
