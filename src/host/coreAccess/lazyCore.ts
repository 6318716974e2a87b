// The core (agent loop, tools, the `openai` SDK, typebox schemas, tree-sitter, diff
// libraries) is most of dist/extension.js. Activation must not pay for evaluating it:
// VS Code counts require + activate() as activation time, and the chat may never be
// used in this window. The host reaches the core through these wrappers, which load it
// on the first call (the first session, history listing or connection test) and reuse
// it after. esbuild keeps the core in the same bundle (so classes such as
// WorkspaceConflictError stay one identity for host and core) but evaluates it lazily.
import type * as CoreModule from '../../core/index';

type Core = typeof CoreModule;

let loading: Promise<Core> | undefined;

/** The core module, evaluated on first use. */
export function loadCore(): Promise<Core> {
  loading ??= import('../../core/index');
  return loading;
}

export const lazyCore = {
  createAgent: async (...a: Parameters<Core['createAgent']>) => (await loadCore()).createAgent(...a),
  listSessions: async (...a: Parameters<Core['listSessions']>) => (await loadCore()).listSessions(...a),
  readSessionPreview: async (...a: Parameters<Core['readSessionPreview']>) => (await loadCore()).readSessionPreview(...a),
  deleteSession: async (...a: Parameters<Core['deleteSession']>) => (await loadCore()).deleteSession(...a),
  testConnection: async (...a: Parameters<Core['testConnection']>) => (await loadCore()).testConnection(...a),
};
