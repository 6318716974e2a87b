// An approval the agent waits for, shown inline at the end of the chat. Only the turn
// that asked waits; the rest of the UI stays usable. Answering removes the prompt at
// once (the host's approval/resolved then finds nothing left to remove).
import { memo, useId, useState } from 'react';
import type { PendingApproval } from '../../../src/protocol';
import { useCall, useDeps } from '../../context';

type Decision = 'allow_once' | 'allow_session' | 'deny';

const ESCALATION = {
  network: 'It needs network access.',
  unsandboxed: 'It runs outside the sandbox.',
} as const;

export function approvalTitle(a: PendingApproval): string {
  if (a.type === 'command') return 'Run this command?';
  return a.type === 'read' ? 'Allow reading this file?' : 'Allow writing this file?';
}

export const ApprovalPrompt = memo(function ApprovalPrompt({ approval }: { approval: PendingApproval }) {
  const call = useCall();
  const { store } = useDeps();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const reasonId = useId();

  const respond = async (decision: Decision) => {
    setBusy(true);
    const ok = await call('approval/respond', {
      requestId: approval.requestId,
      decision,
      ...(decision === 'deny' && reason.trim() ? { reason: reason.trim() } : {}),
    });
    if (ok) store.dispatch({ type: 'approval/resolved', params: { requestId: approval.requestId } });
    else setBusy(false);
  };

  return (
    <section className="card approval" role="group" aria-labelledby={titleId} data-approval={approval.requestId}>
      <div className="card-head">
        <span className="approval-icon" aria-hidden="true">?</span>
        <h3 id={titleId} className="card-title">
          {approvalTitle(approval)}
        </h3>
      </div>
      {approval.label && <div className="approval-from">Asked by {approval.label}</div>}
      {approval.type === 'command' ? (
        <>
          <pre className="approval-subject" tabIndex={0} aria-label="Command">
            {approval.command}
          </pre>
          <div className="muted">in {approval.cwd}</div>
          {approval.escalation && <div className="warning-text">{ESCALATION[approval.escalation]}</div>}
          {approval.justification && <div className="approval-why">{approval.justification}</div>}
        </>
      ) : (
        <pre className="approval-subject" tabIndex={0} aria-label="Path">
          {approval.path}
        </pre>
      )}
      <div className="approval-why">{approval.why}</div>
      <div className="approval-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void respond('allow_once')}>
          Allow once
        </button>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void respond('allow_session')}>
          Allow for this session
        </button>
        <span className="deny-group">
          <label htmlFor={reasonId} className="offscreen">
            Reason for denying (optional)
          </label>
          <input
            id={reasonId}
            className="input"
            type="text"
            placeholder="Reason (optional)"
            value={reason}
            disabled={busy}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void respond('deny');
            }}
          />
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void respond('deny')}>
            Deny
          </button>
        </span>
      </div>
    </section>
  );
});
