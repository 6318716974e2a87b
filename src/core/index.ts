// The public entry of the Tandem core library: what the CLI, the VS Code host and
// library users import. Everything else under src/core is internal.
//
//   const workspace = await createNodeWorkspace(process.cwd());
//   const agent = await createAgent({ model: resolveModelConfig({}), workspace, storageDir, approvals: denyAll });
//   for await (const event of agent.runStreamed('Fix the failing test')) { ... }
//
// See examples/library.ts for a complete script, and docs/CLI.md for reviewChanges().

// the light entry (also importable alone: src/core/shared.ts)
export * from './shared';

// the agent and its sessions
export { createAgent, listSessions, deleteSession } from './agent/createAgent';
export type { Agent, AgentOptions, RunOptions, TurnResult, SessionInfo, ModelConfig } from './agent/types';
export { defaultShells, type ShellChoice } from './agent/defaults';
export { foldTurn } from './agent/fold';
export { resolveSessionId, sessionFile, stagingDir } from './session/store';
export { readSessionInfo, type StoredSession } from './session/info';
export { openSessionStaging } from './session/openStaging';
export { readSessionPreview, type SessionPreview } from './session/tail';
// the session log's format (JSONL records), for tools that read transcripts
export { readSessionRecords } from './session/store';
export { rebuildSession, type ResumedSession } from './session/resume';
export { SESSION_FORMAT_VERSION, type SessionRecord, type SessionHeader } from './session/records';

// vocabulary
export type * from './types/items';
export type * from './types/events';

// model
export { createModelClient, resolveModelConfig, testConnection } from './model/client';
export { COMPACTION_PROMPT } from './agent/prompt';
export { ModelError } from './model/types';
export type { ModelClient, ModelRequest, ModelEvent, HistoryEntry, ToolSpec, WireApi, ReasoningEffort } from './model/types';

// workspace and staging
export { createNodeWorkspace } from './workspace/nodeWorkspace';
export type { Workspace, FileView, FileStat, FileType, DirEntry, WorkspaceFileEdit } from './workspace/types';
export { createStagingArea } from './staging/stagingArea';
export type { StagingArea, StagedChange, Hunk, ApplyOutcome } from './staging/types';

// commands, approvals, policy
export { createNodeShell } from './shell/nodeShell';
export { createSandboxedShell } from './sandbox/sandboxedShell';
export type { Shell, ShellRequest, ShellResult } from './shell/types';
export { denyAll } from './approvals/types';
export type { Approvals, ApprovalRequest, ApprovalDecision } from './approvals/types';
export { createGuard } from './policy/createGuard';
export { APPROVAL_POLICIES } from './policy/types';
export type { ApprovalPolicy } from './policy/types';
export type { Guard, GuardAction, CommandAssessment, PathAssessment } from './policy/guard';

// tools
export { createDefaultTools } from './tools/defaultTools';
export { ToolError } from './tools/types';
export type { Tool, ToolContext, ToolResult } from './tools/types';

// project instructions
export { loadProjectInstructions, loadInstructionSources } from './instructions/agentsMd';

// code review (tandem review)
// Commit messages for staged changes (the editor's Source Control action)
export { generateCommitMessage, commitMessagePrompt, cleanCommitMessage, CommitMessageError, DEFAULT_COMMIT_DIFF_CHARS } from './commitMessage/generate';
export type { CommitMessageRequest } from './commitMessage/generate';
export { reviewChanges, ReviewError, collectDiff, filterFindings, DEFAULT_MIN_CONFIDENCE, DEFAULT_MAX_DIFF_CHARS } from './codeReview/reviewChanges';
export type { ReviewTarget, ReviewFinding, ReviewResult, ReviewOptions, ReviewErrorCode, DroppedFinding, OverallCorrectness, CollectedDiff, DiffFile, LineRange } from './codeReview/reviewChanges';
