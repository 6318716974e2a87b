// How the core asks the user. The host renders the request (inline in the chat, or a
// prompt in the CLI) and resolves the promise. Only the turn that asked waits.
// Contract: an aborted signal resolves to a deny; an implementation that cannot ask
// (headless with no TTY, an unattended run) answers 'cannot_ask', never allow: fail
// closed, without pretending that someone refused.

export type ApprovalRequest =
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
  | { type: 'write'; path: string; why: string };

export type ApprovalDecision =
  | { decision: 'allow_once' }
  | { decision: 'allow_session' }
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
