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

/** A core function as the lazy door offers it: the same, resolving once the core is loaded. */
type Lazy<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

type LazyNames =
  | 'createAgent'
  | 'listSessions'
  | 'readSessionPreview'
  | 'deleteSession'
  | 'testConnection'
  // MCP servers, skills and slash commands (the MCP view and the composer's completion)
  | 'createMcpHub'
  | 'loadMcpConfig'
  | 'discoverSkills'
  | 'findRepoRoot'
  | 'loadCustomPrompts'
  | 'listSlashCommands'
  | 'resolveSlashCommand'
  // the commit message and the instructions it follows
  | 'generateCommitMessage'
  | 'loadProjectInstructions';

export type LazyCore = { [K in LazyNames]: Lazy<Core[K]> } & ReviewCore;

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
    createMcpHub: async (...a) => (await core()).createMcpHub(...a),
    loadMcpConfig: async (...a) => (await core()).loadMcpConfig(...a),
    discoverSkills: async (...a) => (await core()).discoverSkills(...a),
    findRepoRoot: async (...a) => (await core()).findRepoRoot(...a),
    loadCustomPrompts: async (...a) => (await core()).loadCustomPrompts(...a),
    listSlashCommands: async (...a) => (await core()).listSlashCommands(...a),
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
