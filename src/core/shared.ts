// The light public entry of the core: what an editor host needs at activation, before
// it loads the agent (src/core/index.ts, which pulls in the `openai` SDK, tree-sitter
// and the diff libraries). Contract: nothing reachable from here may import the model
// layer, the tools or the agent loop; the VS Code host bundles this closure eagerly
// (dist/core-shared.js) and loads the rest on first use. Everything here is also
// exported by src/core/index.ts, so library users see one door.

// errors the host's workspace adapter throws with the core's identity
export { PathOutsideWorkspaceError, WorkspaceConflictError } from './workspace/types';
// path and text helpers for the host's workspace adapter
export { normalizeFilePath, normalizeRelativePath, isInsideRoot } from './util/paths';
export { asText, bytesEqual, encodeUtf8 } from './util/text';
export { computeLineEdits, type LineEdit } from './staging/textEdits';
// settings defaults and the sandbox probe (the first screen shows whether commands are sandboxed)
export { DEFAULT_MODEL } from './model/config';
export { detectSandbox } from './sandbox/sandboxedShell';
// code review thresholds (the editor filters findings with them as settings change)
export { gateReview, meetsThresholds, parsePriority, priorityLabel, DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_PRIORITY, DEFAULT_THRESHOLDS, PRIORITIES, type ReviewGate, type ReviewThresholds } from './codeReview/gate';
export { createSandboxProbe, SANDBOX_PROBE_FILE, type SandboxProbe, type SandboxProbeOptions } from './sandbox/probe';
export type { SandboxStatus } from './sandbox/types';
