// Who made a staged change (when a subagent did), and a conflict a subagent's merge
// reported on it: a badge in the file's header, a note in its body.
import type { ChangedFileSummary } from '../../../src/protocol';

/** Badges: the subagents behind the change ('main' is the session's own agent), and a conflict. */
export function AgentBadges({ change }: { change: ChangedFileSummary }) {
  const agents = change.agents ?? [];
  return (
    <>
      {agents.length > 0 && (
        <span className="badge change-agents" title={`Made by ${agents.map((a) => (a === 'main' ? 'the agent' : `subagent ${a}`)).join(', ')}`}>
          {agents.map((a) => (a === 'main' ? 'agent' : a)).join(' + ')}
        </span>
      )}
      {change.conflict && <span className="badge badge-error">conflict</span>}
    </>
  );
}

/** The conflict, in words, and what to do about it. */
export function ConflictNote({ change }: { change: ChangedFileSummary }) {
  if (!change.conflict) return null;
  return (
    <p className="change-note note-warning change-conflict" role="note">
      Conflict: {change.conflict.detail}.{' '}
      {change.conflict.kind === 'markers'
        ? 'Hunks holding both versions between conflict markers do not apply until you resolve them (edit the staged version, or ask the agent); the others apply.'
        : 'The other version was not merged; decide on this one.'}
    </p>
  );
}
