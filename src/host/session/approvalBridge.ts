// Approvals for one session: each request is posted to the webview as
// `approval/requested` and waits for `approval/respond`. Only the turn that asked
// waits. Contract (src/core/approvals/types.ts): an aborted signal resolves to a deny,
// and so does disposing the session (fail closed).
import type { PendingApproval } from '../../protocol/messages';
import type { Notifier } from '../rpc/webviewChannel';
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../../core/index';

interface Pending {
  view: PendingApproval;
  finish(decision: ApprovalDecision): void;
}

export class ApprovalBridge implements Approvals {
  private readonly pending = new Map<string, Pending>();
  private seq = 0;

  constructor(
    private readonly notifier: Notifier,
    private readonly prefix = 'approval',
  ) {}

  request(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return Promise.resolve({ decision: 'deny', reason: 'the turn was stopped' });
    // MCP approvals have no view in the chat yet (it comes with the MCP UI): fail closed
    if (request.type === 'mcp_tool' || request.type === 'mcp_server') {
      return Promise.resolve({ decision: 'cannot_ask', reason: 'this editor cannot show MCP approvals yet' });
    }
    const requestId = `${this.prefix}-${++this.seq}`;
    const label = request.label ? { label: request.label } : {};
    const view: PendingApproval =
      request.type === 'command'
        ? { requestId, ...request }
        : { requestId, type: request.type, path: request.path, why: request.why, ...label };
    return new Promise<ApprovalDecision>((resolve) => {
      const onAbort = () => finish({ decision: 'deny', reason: 'the turn was stopped' });
      const finish = (decision: ApprovalDecision) => {
        if (!this.pending.delete(requestId)) return;
        signal.removeEventListener('abort', onAbort);
        this.notifier.notify('approval/resolved', { requestId });
        resolve(decision);
      };
      this.pending.set(requestId, { view, finish });
      signal.addEventListener('abort', onAbort, { once: true });
      this.notifier.notify('approval/requested', view);
    });
  }

  /** False when the request is unknown (already answered, or its turn ended). */
  respond(requestId: string, decision: 'allow_once' | 'allow_session' | 'deny', reason?: string): boolean {
    const entry = this.pending.get(requestId);
    if (!entry) return false;
    entry.finish(decision === 'deny' ? { decision, ...(reason ? { reason } : {}) } : { decision });
    return true;
  }

  list(): PendingApproval[] {
    return [...this.pending.values()].map((p) => p.view);
  }

  denyAll(reason: string): void {
    for (const entry of [...this.pending.values()]) entry.finish({ decision: 'deny', reason });
  }
}
