// How the core asks the user. The host renders the request (inline in the chat, or a
// prompt in the CLI) and resolves the promise. Only the turn that asked waits.
// Contract: an aborted signal resolves to a deny; an implementation that cannot ask
// (headless with no TTY) must deny, never allow: fail closed.

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
) & {
  /**
   * Who asks when it is not the session's own agent: a subagent's label (its type, id
   * and task, e.g. "worker 3f2a91bc: fix the parser tests"). Show it with the request.
   */
  label?: string;
};

export type ApprovalDecision =
  | { decision: 'allow_once' }
  | { decision: 'allow_session' }
  | { decision: 'deny'; reason?: string };

export interface Approvals {
  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

/** Denies everything: for headless runs with no way to ask. */
export const denyAll: Approvals = {
  async request() {
    return { decision: 'deny', reason: 'no one is available to approve (headless run)' };
  },
};
