// How the core asks the user. The host renders the request (inline in the chat, or a
// prompt in the CLI) and resolves the promise. Only the turn that asked waits.
// Contract: an aborted signal resolves to a deny; an implementation that cannot ask
// (headless with no TTY, an unattended run) answers 'cannot_ask', never allow: fail
// closed, without pretending that someone refused.

export type ApprovalRequest = (
  | {
      type: 'command';
      command: string;
      cwd: string;
      /** Why the policy asks (e.g. "runs outside the sandbox", "not on the safe list"). */
      why: string;
      /** The model's stated reason, for escalations. */
      justification?: string;
      escalation?: 'network' | 'unsandboxed';
    }
  | { type: 'read'; path: string; why: string }
  | { type: 'write'; path: string; why: string }
  | McpToolApprovalRequest
  | McpServerApprovalRequest
) & {
  /**
   * Who asks when it is not the session's own agent: a subagent's label (its type, id
   * and task, e.g. "worker 3f2a91bc: fix the parser tests"). Show it with the request.
   */
  label?: string;
};

/**
 * A call to an MCP server's tool. Answers: allow_once, allow_session (this tool, for the
 * session), allow_always (this tool of this server, remembered), deny.
 */
export interface McpToolApprovalRequest {
  type: 'mcp_tool';
  server: string;
  /** The tool's name on its server. */
  tool: string;
  /** The name the model called (mcp__server__tool). */
  name: string;
  title?: string;
  /** The arguments exactly as they will be sent (JSON text). */
  arguments: string;
  /** The server's own hints about the tool: claims, not guarantees. */
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  openWorldHint?: boolean;
  why: string;
}

/**
 * Starting an MCP server a repository declares (.tandem/mcp.json). Any allow is
 * remembered for this workspace until the command changes; deny keeps it stopped.
 */
export interface McpServerApprovalRequest {
  type: 'mcp_server';
  server: string;
  /** The file that declares it. */
  origin: string;
  /** stdio servers: the exact command line, its cwd, and the names of the env entries it sets. */
  command?: string;
  cwd?: string;
  envKeys?: string[];
  /** HTTP servers: the URL, and the names of the headers it sends. */
  url?: string;
  headerKeys?: string[];
  why: string;
}

export type ApprovalDecision =
  | { decision: 'allow_once' }
  | { decision: 'allow_session' }
  /** Only offered for mcp_tool requests: remembered across sessions. Elsewhere it counts as allow_session. */
  | { decision: 'allow_always' }
  /** The user refused; `reason` is theirs (or why the question ended, e.g. the turn was stopped). */
  | { decision: 'deny'; reason?: string }
  /**
   * No one could be asked, so no approval could be given: the action is refused like a
   * deny, but the model is told it needed approval, not that the user declined.
   * `reason` says why no one could be asked ("the CLI runs without a terminal").
   */
  | { decision: 'cannot_ask'; reason: string };

export interface Approvals {
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** Refuses everything that needs approval: for headless runs with no way to ask. */
export const denyAll: Approvals = {
  async request() {
    return { decision: 'cannot_ask', reason: 'this run is headless, with no one to approve' };
  },
};
