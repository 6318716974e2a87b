// A subagent's card (a `subagent` item): its task, type and state, the latest activity
// line, tokens and elapsed time.
import { memo } from 'react';
import type { Item } from '../../../../src/protocol';

type SubagentItem = Extract<Item, { type: 'subagent' }>;

export const SubagentCard = memo(function SubagentCard({ item }: { item: SubagentItem }) {
  return (
    <div className="card subagent" role="group" aria-label={`Subagent ${item.agentId}`}>
      <div className="card-head">
        <span className="card-title">
          {item.agentType} {item.agentId}: {item.state}
        </span>
      </div>
      <div className="subagent-task">{item.task}</div>
      {item.activity && <div className="subagent-activity">{item.activity}</div>}
    </div>
  );
});
