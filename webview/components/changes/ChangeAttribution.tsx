// Who made a staged change (when a subagent did), and a conflict a subagent's merge
// reported on it: a badge in the file's header, a note in its body. Subagent ids are
// data (translate="no"); the conflict's detail comes from the core, in English.
import * as l10n from '@vscode/l10n';
import { Fragment } from 'react';
import type { ChangedFileSummary } from '../../../src/protocol';
import { Badge } from '../ui/Badge';
import { Icon } from '../ui/Icon';

/** Badges: the subagents behind the change ('main' is the session's own agent), and a conflict. */
export function AgentBadges({ change }: { change: ChangedFileSummary }) {
  const agents = change.agents ?? [];
  const madeBy = agents.map((a) => (a === 'main' ? l10n.t('the agent') : l10n.t('subagent {0}', a))).join(', ');
  return (
    <>
      {agents.length > 0 && (
        <Badge className="change-agents" title={l10n.t('Made by {0}', madeBy)}>
          {agents.map((a, i) => (
            <Fragment key={a}>
              {i > 0 && ' + '}
              {a === 'main' ? l10n.t('agent') : <span translate="no">{a}</span>}
            </Fragment>
          ))}
        </Badge>
      )}
      {change.conflict && <Badge tone="error">{l10n.t('conflict')}</Badge>}
    </>
  );
}

/** The conflict, in words, and what to do about it. */
export function ConflictNote({ change }: { change: ChangedFileSummary }) {
  if (!change.conflict) return null;
  return (
    <p className="change-note note-warning change-conflict" role="note">
      <Icon name="warning" />
      <span>
        {l10n.t('Conflict: {0}.', change.conflict.detail)}{' '}
        {change.conflict.kind === 'markers'
          ? l10n.t('Hunks holding both versions between conflict markers do not apply until you resolve them (edit the staged version, or ask the agent); the others apply.')
          : l10n.t('The other version was not merged; decide on this one.')}
      </span>
    </p>
  );
}
