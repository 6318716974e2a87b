// The host's door to the agent core (src/core/index.ts: the agent loop, tools, the
// `openai` SDK, tree-sitter, the diff libraries). Activation must not pay for evaluating
// it: VS Code counts require + activate() as activation time, and the chat may never be
// used in this window. So the build makes this file's import() a run-time
// require('./core.js') (scripts/lazyCorePlugin.mjs): the core loads on the first call
// (the first session, history listing or connection test) and is reused after. The few
// core modules the host needs at activation come through src/core/shared.ts and live in
// dist/core-shared.js, required by both bundles, so a class such as WorkspaceConflictError
// has one identity for host and core. Lint allows a runtime import of the core's full
// entry only in this folder.
import type * as CoreModule from '../../core/index';

import type { ReviewCore } from '../codeReview/reviewService';

type Core = typeof CoreModule;

export type LazyCore = Pick<Core, 'createAgent' | 'listSessions' | 'readSessionPreview' | 'deleteSession' | 'testConnection' | 'generateCommitMessage' | 'loadProjectInstructions'> & ReviewCore & { resolveSlashCommand: (...a: Parameters<Core['resolveSlashCommand']>) => Promise<ReturnType<Core['resolveSlashCommand']>> };

/** Wrappers over the core's functions that load it on first use (one load per host). */
export function createLazyCore(load: () => Promise<Core> = () => import('../../core/index')): LazyCore {
  let loading: Promise<Core> | undefined;
  const core = () => (loading ??= load());
  return {
    createAgent: async (...a) => (await core()).createAgent(...a),
    listSessions: async (...a) => (await core()).listSessions(...a),
    readSessionPreview: async (...a) => (await core()).readSessionPreview(...a),
    deleteSession: async (...a) => (await core()).deleteSession(...a),
    testConnection: async (...a) => (await core()).testConnection(...a),
    // the slash-command registry (`/review` in the composer)
    resolveSlashCommand: async (...a) => (await core()).resolveSlashCommand(...a),
    // code review (src/host/codeReview): the reviewer runs on the same core
    reviewChanges: async (...a) => (await core()).reviewChanges(...a),
    stagedChangesToPatch: async (changes) => (await core()).stagedChangesToPatch(changes),
    dismissalStore: async (root) => {
      const c = await core();
      const file = await c.defaultDismissalFile(root);
      return file ? c.createDismissalStore(file) : undefined;
    },
    generateCommitMessage: async (...a) => (await core()).generateCommitMessage(...a),
    loadProjectInstructions: async (...a) => (await core()).loadProjectInstructions(...a),
  };
}
