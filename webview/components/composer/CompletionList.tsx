// The `/` (commands) and `$` (skills) suggestions: a listbox driven from the composer's
// textarea, which keeps focus and points at the active option with
// aria-activedescendant, like the `@` file suggestions (same look).
import type { CompletionOption } from './useCompletion';
import { optionName } from './useCompletion';
import { optionId } from './MentionList';

export interface CompletionListProps {
  id: string;
  kind: 'command' | 'skill';
  options: CompletionOption[];
  active: number;
  loading: boolean;
  onPick(option: CompletionOption): void;
  onHover(index: number): void;
}

function detail(o: CompletionOption): { hint?: string; description: string; tag?: string } {
  if (o.kind === 'skill') return { description: o.skill.description, tag: o.skill.scope === 'repo' ? 'repository' : undefined };
  const c = o.command;
  return { hint: c.argumentHint, description: c.description, tag: c.kind === 'prompt' ? 'prompt' : undefined };
}

export function CompletionList({ id, kind, options, active, loading, onPick, onHover }: CompletionListProps) {
  const sigil = kind === 'command' ? '/' : '$';
  return (
    <div className="mentions completions">
      <ul id={id} role="listbox" aria-label={kind === 'command' ? 'Commands' : 'Skills'} className="mention-list">
        {options.map((o, i) => {
          const name = optionName(o);
          const { hint, description, tag } = detail(o);
          return (
            <li
              key={`${o.kind}:${name}`}
              id={optionId(id, i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'mention mention-active' : 'mention'}
              // mousedown, not click: the textarea must not lose focus before the pick
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(o);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span className="mention-name" translate="no">
                {sigil}
                {name}
                {hint && <span className="muted"> {hint}</span>}
              </span>
              {tag && <span className="completion-tag muted">{tag}</span>}
              <span className="mention-dir muted">{description}</span>
            </li>
          );
        })}
      </ul>
      {options.length === 0 && (
        <div className="mention-empty muted">{loading ? 'Loading…' : kind === 'command' ? 'No matching commands' : 'No matching skills'}</div>
      )}
    </div>
  );
}
