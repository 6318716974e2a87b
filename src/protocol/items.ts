// The items the webview renders are the core's items, unchanged: the host passes them
// through as the core emits them. Named here so the webview (which may import only
// src/protocol) can use them; type-only, so no core code reaches the webview bundle.
export type {
  Item,
  ItemType,
  ItemStatus,
  Attachment,
  UserMessageItem,
  AgentMessageItem,
  ReasoningItem,
  CommandExecutionItem,
  FileChangeItem,
  FileChangeSummary,
  FileChangeKind,
  ToolCallItem,
  PlanItem,
  PlanStepStatus,
  ErrorItem,
  CompactionItem,
  ReviewDecisionItem,
  SessionEvent,
  ItemDelta,
  Usage,
  ApprovalPolicy,
  ReasoningEffort,
} from '../core/index';
