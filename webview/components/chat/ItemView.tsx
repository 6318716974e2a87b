// One row of the chat: picks the component for an item type. Memoised on the item
// object, which the reducer replaces only when that item changes.
import { memo } from 'react';
import type { Item, PendingApproval, ReviewRunView } from '../../../src/protocol';
import { ApprovalPrompt } from '../approvals/ApprovalPrompt';
import { ErrorBoundary } from '../ErrorBoundary';
import { CommandCard } from './items/CommandCard';
import { FileChangeCard, ToolCallCard } from './items/Cards';
import { AgentMessage, Reasoning, UserMessage } from './items/Messages';
import { CompactionItem, ErrorItem, PlanView, ReviewNote } from './items/Notes';
import { ReviewCard } from '../review/ReviewCard';
import { SubagentCard } from './items/SubagentCard';

/** A list row: a chat item, a `/review` placed among them, or a pending approval shown after the items. */
export type Row = { kind: 'item'; item: Item } | { kind: 'review'; run: ReviewRunView } | { kind: 'approval'; approval: PendingApproval };

export interface ItemViewProps {
  item: Item;
  /** The item is the newest one and a turn is running (streaming indicators). */
  live: boolean;
  /** The item is the newest one and no turn runs (an error may offer Retry). */
  lastIdle: boolean;
}

export const ItemView = memo(function ItemView({ item, live, lastIdle }: ItemViewProps) {
  switch (item.type) {
    case 'user_message':
      return <UserMessage item={item} />;
    case 'agent_message':
      return <AgentMessage item={item} />;
    case 'reasoning':
      return <Reasoning item={item} streaming={live} />;
    case 'command_execution':
      return <CommandCard item={item} />;
    case 'file_change':
      return <FileChangeCard item={item} />;
    case 'tool_call':
      return <ToolCallCard item={item} />;
    case 'plan':
      return <PlanView item={item} />;
    case 'error':
      return <ErrorItem item={item} canRetry={lastIdle} />;
    case 'compaction':
      return <CompactionItem item={item} />;
    case 'review_decision':
      return <ReviewNote item={item} />;
    case 'subagent':
      return <SubagentCard item={item} />;
    default: {
      // A new item type fails to compile here until it is rendered; at run time an item
      // type from a newer host is skipped rather than crashing the view.
      const unrendered: never = item;
      void unrendered;
      return null;
    }
  }
});

export function RowView({ row, live, lastIdle }: { row: Row; live: boolean; lastIdle: boolean }) {
  return (
    <div className="row">
      <ErrorBoundary label="this item" resetKey={row.kind === 'item' ? row.item : row.kind === 'review' ? row.run : row.approval}>
        {row.kind === 'item' ? (
          <ItemView item={row.item} live={live} lastIdle={lastIdle} />
        ) : row.kind === 'review' ? (
          <ReviewCard run={row.run} />
        ) : (
          <ApprovalPrompt approval={row.approval} />
        )}
      </ErrorBoundary>
    </div>
  );
}
