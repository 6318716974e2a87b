// Names and states of the approval policy and the sandbox, as the composer footer and
// the first screen show them. Commands are sandboxed unless the policy is full-access
// or this machine has no sandbox (config.sandboxUnavailable says why).
import * as l10n from '@vscode/l10n';
import type { ApprovalPolicy, ConfigView } from '../../../src/protocol';

export const POLICIES: ApprovalPolicy[] = ['read-only', 'on-request', 'untrusted', 'full-access'];

export function policyLabel(p: ApprovalPolicy): string {
  switch (p) {
    case 'read-only':
      return l10n.t('Read only');
    case 'on-request':
      return l10n.t('Agent');
    case 'untrusted':
      return l10n.t('Ask first');
    case 'full-access':
      return l10n.t('Full access');
  }
}

export function policyHint(p: ApprovalPolicy): string {
  switch (p) {
    case 'read-only':
      return l10n.t('Only reads and searches; no edits staged, no commands.');
    case 'on-request':
      return l10n.t('Sandboxed commands and staged edits run freely; anything beyond the sandbox asks first.');
    case 'untrusted':
      return l10n.t('Only known-safe commands run without asking.');
    case 'full-access':
      return l10n.t('Everything runs without asking, unsandboxed (needs the tandem.allowFullAccess setting).');
  }
}

export type SandboxState = 'on' | 'off' | 'unavailable';

export function sandboxState(config: Pick<ConfigView, 'approvalPolicy' | 'sandboxUnavailable'>): SandboxState {
  if (config.approvalPolicy === 'full-access') return 'off';
  return config.sandboxUnavailable ? 'unavailable' : 'on';
}
