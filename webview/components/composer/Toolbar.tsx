// Composer controls below the text: attach context, pick model and reasoning effort,
// and the context meter (tokens used of the model's window).
import type { Attachment, ConfigView, Item, ReasoningEffort } from '../../../src/protocol';
import { useCall, useDeps, useSelect } from '../../context';
import { formatTokens } from '../../format';

const EFFORTS: ReasoningEffort[] = ['minimal', 'low', 'medium', 'high'];

/** The context buttons: what each asks the host for, and the notice when there is none. */
const ATTACH = [
  {
    method: 'context/selection',
    label: 'Add selection',
    title: 'Attach the selection of the active editor',
    text: '+ Selection',
    none: 'There is no selection in the active editor.',
  },
  {
    method: 'context/problems',
    label: 'Add problems',
    title: 'Attach the Problems list',
    text: '+ Problems',
    none: 'The Problems list is empty.',
  },
] as const;

export function ContextMeter({ used, window, subagents = 0 }: { used: number; window: number; subagents?: number }) {
  const pct = window > 0 ? Math.min(100, Math.round((used / window) * 100)) : 0;
  // subagents have contexts of their own: their tokens are the session's, not this window's
  const text = `${pct}% of context used: ${formatTokens(used)} of ${formatTokens(window)} tokens${subagents > 0 ? `; subagents used ${formatTokens(subagents)} tokens` : ''}`;
  return (
    <div
      className={`meter${pct >= 80 ? ' meter-high' : ''}`}
      role="meter"
      aria-label="Context window"
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

export function Pickers({ config }: { config: ConfigView }) {
  const call = useCall();
  const { store } = useDeps();
  const known = Array.isArray(config.models) ? config.models : [];
  const models = known.includes(config.model) ? known : [config.model, ...known];
  const update = async (patch: { model?: string; reasoningEffort?: ReasoningEffort }) => {
    const next = await call('config/update', patch);
    if (next) store.dispatch({ type: 'config/updated', params: next });
  };
  return (
    <>
      <select className="select" aria-label="Model" value={config.model} onChange={(e) => void update({ model: e.target.value })}>
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Reasoning effort"
        value={config.reasoningEffort}
        onChange={(e) => void update({ reasoningEffort: e.target.value as ReasoningEffort })}
      >
        {EFFORTS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </>
  );
}

export function AttachButtons({ onAttach, onMention }: { onAttach(a: Attachment): void; onMention(): void }) {
  const call = useCall();
  const { store } = useDeps();
  const attach = async ({ method, none }: (typeof ATTACH)[number]) => {
    const res = await call(method, {});
    if (res?.attachment) onAttach(res.attachment);
    else if (res) store.dispatch({ type: 'notice/show', kind: 'info', message: none });
  };
  return (
    <>
      <button type="button" className="btn btn-icon btn-small" aria-label="Mention a file" title="Mention a file (@)" onClick={onMention}>
        @
      </button>
      {ATTACH.map((a) => (
        <button key={a.method} type="button" className="btn btn-ghost btn-small" aria-label={a.label} title={a.title} onClick={() => void attach(a)}>
          {a.text}
        </button>
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
