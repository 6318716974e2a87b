// An approval the agent waits for, shown inline at the end of the chat. Only the turn
// that asked waits; the rest of the UI stays usable. Answering removes the prompt at
// once (the host's approval/resolved then finds nothing left to remove).
import * as l10n from '@vscode/l10n';
import { memo, useId, useState } from 'react';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import type { PendingApproval } from '../../../src/protocol';
import { useCall, useDeps } from '../../context';

type Decision = 'allow_once' | 'allow_session' | 'deny';

function escalation(kind: 'network' | 'unsandboxed'): string {
  return kind === 'network' ? l10n.t('It needs network access.') : l10n.t('It runs outside the sandbox.');
}

export function approvalTitle(a: PendingApproval): string {
  if (a.type === 'command') return l10n.t('Run this command?');
  return a.type === 'read' ? l10n.t('Allow reading this file?') : l10n.t('Allow writing this file?');
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
        <Icon name={approval.type === 'command' ? 'terminal' : 'file'} className="approval-icon" />
        <h3 id={titleId} className="card-title">
          {approvalTitle(approval)}
        </h3>
      </div>
      {approval.label && <div className="approval-from">{l10n.t('Asked by {0}', approval.label)}</div>}
      {approval.type === 'command' ? (
        <>
          <pre className="approval-subject" tabIndex={0} aria-label={l10n.t('Command')} translate="no">
            {approval.command}
          </pre>
          <div className="muted">{l10n.t('in {0}', approval.cwd)}</div>
          {approval.escalation && (
            <div className="warning-text">
              <Icon name="warning" /> {escalation(approval.escalation)}
            </div>
          )}
          {approval.justification && (
            <div className="approval-why" translate="no">
              {approval.justification}
            </div>
          )}
        </>
      ) : (
        <pre className="approval-subject" tabIndex={0} aria-label={l10n.t('Path')} translate="no">
          {approval.path}
        </pre>
      )}
      {/* the policy's reason, worded by the core (also what the model reads) */}
      <div className="approval-why" translate="no">
        {approval.why}
      </div>
      <div className="approval-actions">
        <Button icon="check" busy={busy} onClick={() => void respond('allow_once')}>
          {l10n.t('Allow once')}
        </Button>
        <Button secondary icon="check-all" busy={busy} onClick={() => void respond('allow_session')}>
          {l10n.t('Allow for this session')}
        </Button>
        <span className="deny-group">
          <label htmlFor={reasonId} className="offscreen">
            {l10n.t('Reason for denying (optional)')}
          </label>
          <input
            id={reasonId}
            className="input"
            type="text"
            placeholder={l10n.t('Reason (optional)')}
            value={reason}
            disabled={busy}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void respond('deny');
            }}
          />
          <Button secondary icon="close" busy={busy} onClick={() => void respond('deny')}>
            {l10n.t('Deny')}
          </Button>
        </span>
      </div>
    </section>
  );
});
