// The `/` (commands) and `$` (skills) suggestions: a listbox driven from the composer's
// textarea, which keeps focus and points at the active option with
// aria-activedescendant, like the `@` file suggestions (same look).
import * as l10n from '@vscode/l10n';
import type { CompletionOption } from './useCompletion';
import { optionName } from './useCompletion';
import { OptionRow } from './MentionList';
import { Badge } from '../ui/Badge';

export interface CompletionListProps {
  id: string;
  kind: 'command' | 'skill';
  options: CompletionOption[];
  active: number;
  loading: boolean;
  onPick(option: CompletionOption): void;
  onHover(index: number): void;
}

/** `own`: the description is its author's (a skill's, a custom prompt's), not Tandem's words. */
function detail(o: CompletionOption): { hint?: string; description: string; tag?: string; own: boolean } {
  if (o.kind === 'skill') return { description: o.skill.description, tag: o.skill.scope === 'repo' ? l10n.t('repository') : undefined, own: true };
  const c = o.command;
  return { hint: c.argumentHint, description: c.description, tag: c.kind === 'prompt' ? l10n.t('prompt') : undefined, own: c.kind === 'prompt' };
}

export function CompletionList({ id, kind, options, active, loading, onPick, onHover }: CompletionListProps) {
  const sigil = kind === 'command' ? '/' : '$';
  return (
    <div className="mentions completions">
      <ul id={id} role="listbox" aria-label={kind === 'command' ? l10n.t('Commands') : l10n.t('Skills')} className="mention-list">
        {options.map((o, i) => {
          const name = optionName(o);
          const { hint, description, tag, own } = detail(o);
          return (
            <OptionRow key={`${o.kind}:${name}`} listId={id} index={i} active={i === active} onPick={() => onPick(o)} onHover={onHover}>
              <span className="mention-name" translate="no">
                {sigil}
                {name}
                {hint && <span className="muted"> {hint}</span>}
              </span>
              {tag && <Badge tone="muted" className="completion-tag">{tag}</Badge>}
              <span className="mention-dir muted" translate={own ? 'no' : undefined}>
                {description}
              </span>
            </OptionRow>
          );
        })}
      </ul>
      {options.length === 0 && (
        <div className="mention-empty muted">{loading ? l10n.t('Loading…') : kind === 'command' ? l10n.t('No matching commands') : l10n.t('No matching skills')}</div>
      )}
    </div>
  );
}
