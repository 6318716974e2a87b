// What the webview renders. The protocol is a neutral folder: it imports nothing, so
// these are structural copies of the core's item types (src/core/types/items.ts); the
// host passes core items through unchanged and the type checker keeps the two in step
// (see src/host/protocolCompat.ts).

export type ItemStatus = 'in_progress' | 'completed' | 'failed' | 'declined';

export type ChatAttachment =
  | { type: 'file'; path: string; range?: { startLine: number; endLine: number } }
  | { type: 'selection'; path: string; text: string; startLine: number; endLine: number }
  | { type: 'diagnostics'; text: string };

interface Base {
  id: string;
  turnId: string;
}

export type ChatItem =
  | (Base & { type: 'user_message'; text: string; attachments?: ChatAttachment[] })
  | (Base & { type: 'agent_message'; text: string })
  | (Base & { type: 'reasoning'; text: string })
  | (Base & {
      type: 'command_execution';
      command: string;
      cwd: string;
      output: string;
      exitCode?: number;
      signal?: string;
      durationMs?: number;
      sandbox?: 'sandboxed' | 'unsandboxed' | 'none';
      network?: boolean;
      status: ItemStatus;
    })
  | (Base & {
      type: 'file_change';
      changes: { path: string; kind: 'add' | 'modify' | 'delete' | 'rename'; from?: string; added: number; removed: number }[];
      status: ItemStatus;
      error?: string;
    })
  | (Base & { type: 'tool_call'; name: string; arguments: string; output?: string; status: ItemStatus })
  | (Base & {
      type: 'plan';
      explanation?: string;
      steps: { step: string; status: 'pending' | 'in_progress' | 'completed' }[];
    })
  | (Base & { type: 'error'; message: string; retryable?: boolean })
  | (Base & { type: 'compaction'; summary: string; tokensBefore: number; tokensAfter: number })
  | (Base & { type: 'review_decision'; text: string });

export type ChatItemType = ChatItem['type'];
