// The approval policy: when to ask the user. A layer separate from the sandbox (which
// limits what a command can reach). See SECURITY.md.

export type ApprovalPolicy = 'read-only' | 'on-request' | 'untrusted' | 'full-access';

export const APPROVAL_POLICIES: readonly ApprovalPolicy[] = ['read-only', 'on-request', 'untrusted', 'full-access'];
/** The policy of a trusted workspace when none is chosen. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = 'on-request';
