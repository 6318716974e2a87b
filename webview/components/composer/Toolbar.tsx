// Composer controls: attach context (icon buttons above the text), and below it the
// model picker (full names, grouped by provider, the name as tooltip), reasoning effort,
// the approval policy, the sandbox switch and the context meter (tokens used of the
// model's window; subagents' tokens in its tooltip).
import * as l10n from '@vscode/l10n';
import type { ApprovalPolicy, Attachment, ConfigView, Item, ReasoningEffort } from '../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../context';
import { formatTokens } from '../../format';
import { IconButton } from '../ui/IconButton';
import { Icon } from '../ui/Icon';
import { POLICIES, policyHint, policyLabel, sandboxState } from './policy';

const EFFORTS: ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];

function effortLabel(e: ReasoningEffort): string {
  switch (e) {
    case 'minimal':
      return l10n.t('Minimal effort');
    case 'low':
      return l10n.t('Low effort');
    case 'medium':
      return l10n.t('Medium effort');
    case 'high':
      return l10n.t('High effort');
  }
}

/** The context buttons: what each asks the host for, and the notice when there is none. */
function attachments() {
  return [
    { method: 'context/selection', icon: 'selection', label: l10n.t('Attach the selection of the active editor'), none: l10n.t('There is no selection in the active editor.') },
    { method: 'context/problems', icon: 'warning', label: l10n.t('Attach the Problems list'), none: l10n.t('The Problems list is empty.') },
  ] as const;
}

export function ContextMeter({ used, window, subagents = 0 }: { used: number; window: number; subagents?: number }) {
  const pct = window > 0 ? Math.min(100, Math.round((used / window) * 100)) : 0;
  // subagents have contexts of their own: their tokens are the session's, not this window's
  const text = subagents > 0
    ? l10n.t('{0}% of context used: {1} of {2} tokens; subagents used {3} tokens', pct, formatTokens(used), formatTokens(window), formatTokens(subagents))
    : l10n.t('{0}% of context used: {1} of {2} tokens', pct, formatTokens(used), formatTokens(window));
  return (
    <div
      className={`meter${pct >= 80 ? ' meter-high' : ''}`}
      role="meter"
      aria-label={l10n.t('Context window')}
      aria-valuemin={0}
      aria-valuemax={window}
      aria-valuenow={Math.min(used, window)}
      aria-valuetext={text}
      title={text}
    >
      <span className="meter-bar" aria-hidden="true">
        <span className="meter-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="meter-text" aria-hidden="true">
        {pct}%
      </span>
    </div>
  );
}

/**
 * Models by provider: a gateway's `vendor/model` names group under their vendor, the
 * rest under the configured provider. The current model is always listed.
 */
export function groupModels(config: Pick<ConfigView, 'model' | 'models' | 'provider' | 'baseUrl'>): { group: string; models: string[] }[] {
  const known = Array.isArray(config.models) ? config.models : [];
  const all = known.includes(config.model) ? known : [config.model, ...known];
  const home = providerName(config);
  const groups = new Map<string, string[]>();
  for (const m of all) {
    const slash = m.indexOf('/');
    const group = slash > 0 ? m.slice(0, slash) : home;
    groups.set(group, [...(groups.get(group) ?? []), m]);
  }
  return [...groups].map(([group, models]) => ({ group, models }));
}

function providerName(config: Pick<ConfigView, 'provider' | 'baseUrl'>): string {
  if (config.provider === 'openai') return 'OpenAI';
  if (config.provider === 'ollama') return 'Ollama';
  try {
    return new URL(config.baseUrl).host || l10n.t('Custom server');
  } catch {
    return l10n.t('Custom server');
  }
}

function useUpdate() {
  const call = useCall();
  const { store } = useDeps();
  return async (patch: { model?: string; reasoningEffort?: ReasoningEffort; approvalPolicy?: ApprovalPolicy }) => {
    const next = await call('config/update', patch);
    if (next) store.dispatch({ type: 'config/updated', params: next });
  };
}

export function ModelPickers({ config }: { config: ConfigView }) {
  const update = useUpdate();
  const groups = groupModels(config);
  return (
    <>
      <select
        className="select model-select"
        aria-label={l10n.t('Model')}
        title={l10n.t('Model: {0}', config.model)}
        translate="no"
        value={config.model}
        onChange={(e) => void update({ model: e.target.value })}
      >
        {groups.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.models.map((m) => (
              <option key={m} value={m} title={m}>
                {m}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select
        className="select effort-select"
        aria-label={l10n.t('Reasoning effort')}
        title={l10n.t('Reasoning effort')}
        value={config.reasoningEffort}
        onChange={(e) => void update({ reasoningEffort: e.target.value as ReasoningEffort })}
      >
        {EFFORTS.map((r) => (
          <option key={r} value={r}>
            {effortLabel(r)}
          </option>
        ))}
      </select>
    </>
  );
}

/** Approval policy and the sandbox: what runs without asking, and whether commands are sandboxed. */
export function PolicyControls({ config }: { config: ConfigView }) {
  const update = useUpdate();
  const state = sandboxState(config);
  const sandboxTitle =
    state === 'on'
      ? l10n.t('Commands run in the sandbox (no network, writes staged). Click for full access without a sandbox.')
      : state === 'off'
        ? l10n.t('Commands run without a sandbox. Click to sandbox them again.')
        : l10n.t('No sandbox on this machine: {0}', config.sandboxUnavailable ?? '');
  return (
    <>
      <span className="policy">
        <Icon name="shield" />
        <select
          className="select policy-select"
          aria-label={l10n.t('Approval policy')}
          title={policyHint(config.approvalPolicy)}
          value={config.approvalPolicy}
          onChange={(e) => void update({ approvalPolicy: e.target.value as ApprovalPolicy })}
        >
          {POLICIES.map((p) => (
            <option key={p} value={p} title={policyHint(p)}>
              {policyLabel(p)}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        className={`sandbox-toggle sandbox-${state}`}
        role="switch"
        aria-checked={state === 'on'}
        aria-label={l10n.t('Sandbox commands')}
        title={sandboxTitle}
        aria-disabled={state === 'unavailable' || undefined}
        onClick={() => {
          if (state === 'on') void update({ approvalPolicy: 'full-access' });
          else if (state === 'off') void update({ approvalPolicy: 'on-request' });
        }}
      >
        <Icon name={state === 'on' ? 'vm' : 'vm-outline'} />
        <span>{state === 'on' ? l10n.t('Sandboxed') : state === 'off' ? l10n.t('No sandbox') : l10n.t('No sandbox')}</span>
      </button>
    </>
  );
}

export function AttachButtons({ onAttach, onMention }: { onAttach(a: Attachment): void; onMention(): void }) {
  const call = useCall();
  const { store } = useDeps();
  const attach = async ({ method, none }: ReturnType<typeof attachments>[number]) => {
    const res = await call(method, {});
    if (res?.attachment) onAttach(res.attachment);
    else if (res) store.dispatch({ type: 'notice/show', kind: 'info', message: none });
  };
  return (
    <>
      <IconButton icon="mention" label={l10n.t('Mention a file')} title={l10n.t('Mention a file (@)')} onClick={onMention} />
      {attachments().map((a) => (
        <IconButton key={a.method} icon={a.icon} label={a.label} onClick={() => void attach(a)} />
      ))}
    </>
  );
}

/** The meter's numbers: live usage when known, else an empty window from the config. */
export function useContextUsage(): { used: number; window: number; subagents: number } | undefined {
  const usage = useSelect((s) => s.usage);
  const config = useSelect((s) => s.config);
  const subagents = useSelect(subagentTokens);
  if (usage) return { used: usage.contextTokens, window: usage.contextWindow, subagents };
  return config ? { used: 0, window: config.contextWindow, subagents } : undefined;
}

/** Tokens the session's subagents used (their cards, one per stretch of work). */
export function subagentTokens(s: { items: readonly Item[] }): number {
  let n = 0;
  for (const i of s.items) if (i.type === 'subagent') n += i.usage.inputTokens + i.usage.outputTokens;
  return n;
}
