// Shared test data and fakes for the webview tests.
import type { Item, ConfigView, ParamsOf, RequestMethod, Snapshot } from '../../../src/protocol';
import { createStore } from '../../../webview/state/store';
import { createUiStatePersister } from '../../../webview/vscodeApi';
import type { AppDeps } from '../../../webview/context';

export const config: ConfigView = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-5',
  models: ['gpt-5', 'gpt-5-mini'],
  reasoningEffort: 'medium',
  approvalPolicy: 'on-request',
  contextWindow: 200_000,
  trusted: true,
};

export function snapshot(items: Item[], extra: Partial<Snapshot> = {}): Snapshot {
  return { protocolVersion: 1, sessionId: 's1', title: 'T', items, running: false, approvals: [], changes: [], config, ...extra };
}

export const user: Item = { id: 'u1', turnId: 't1', type: 'user_message', text: 'hi' };
export const agent: Item = { id: 'a1', turnId: 't1', type: 'agent_message', text: 'Hel' };
export const cmd: Item = {
  id: 'c1',
  turnId: 't1',
  type: 'command_execution',
  command: 'ls',
  cwd: '/w',
  output: '',
  status: 'in_progress',
};

/** Deps whose RPC records calls and answers from `results` (or rejects for unknown methods). */
export function fakeDeps(results: Partial<Record<RequestMethod, unknown>> = {}) {
  const calls: { method: RequestMethod; params: unknown }[] = [];
  let saved: unknown;
  const deps: AppDeps = {
    rpc: {
      request: async <M extends RequestMethod>(method: M, params: ParamsOf<M>) => {
        calls.push({ method, params });
        if (!(method in results)) throw new Error(`no fake for ${method}`);
        return results[method] as never;
      },
    },
    store: createStore(undefined, (run) => queueMicrotask(run)),
    ui: createUiStatePersister({ getState: () => saved, setState: (s) => (saved = s) }),
  };
  return { deps, calls, saved: () => saved };
}
