// The public entry of the Tandem core library: what the CLI, the VS Code host and
// library users import. Everything else under src/core is internal.
//
//   const workspace = await createNodeWorkspace(process.cwd());
//   const agent = await createAgent({ model: resolveModelConfig({}), workspace, storageDir, approvals: denyAll });
//   for await (const event of agent.runStreamed('Fix the failing test')) { ... }
//
// See docs/SDK.md (the SDK: this entry built as a package, `tandem/sdk`), examples/library.ts
// for a complete script, and docs/CLI.md for reviewChanges().

// the light entry (also importable alone: src/core/shared.ts)
export * from './shared';

// the agent and its sessions
export { createAgent, listSessions, deleteSession, DEFAULT_MAX_AGENTS, DEFAULT_MAX_AGENT_DEPTH } from './agent/createAgent';
// a subagent's turn cap when the session sets no maxRounds
export { DEFAULT_SUBAGENT_MAX_ROUNDS } from './agent/subagents/manager';
export type { Agent, AgentOptions, RunOptions, TurnResult, SessionInfo, ModelConfig } from './agent/types';
// structured output (RunOptions.outputSchema)
export { OutputSchemaError } from './agent/output';
export { defaultShells, type ShellChoice, type ShellSettings } from './agent/defaults';
export { foldTurn } from './agent/fold';
export { resolveSessionId, sessionFile, stagingDir } from './session/store';
export { readSessionInfo, type StoredSession } from './session/info';
export { openSessionStaging } from './session/openStaging';
export { readSessionPreview, type SessionPreview } from './session/tail';
// the session log's format (JSONL records), for tools that read transcripts
export { readSessionRecords } from './session/store';
export { rebuildSession, type ResumedSession } from './session/resume';
export { itemsOf } from './session/store';
export { turnIdsOf, turnLabel } from './session/turns';
// undo and revert of a turn (also on a saved session, without an agent)
export { undoTurn, revertTurn } from './agent/undo';
export { SESSION_FORMAT_VERSION, type SessionRecord, type SessionHeader } from './session/records';

// vocabulary
export type * from './types/items';
export type * from './types/events';

// model
export { createModelClient, resolveModelConfig, testConnection } from './model/client';
export { DEFAULT_MAX_RETRIES } from './model/config';
export { COMPACTION_PROMPT } from './agent/prompt';
export { ModelError } from './model/types';
export type { ModelClient, ModelRequest, ModelEvent, HistoryEntry, ToolSpec, WireApi, ReasoningEffort, OutputSchema } from './model/types';

// workspace and staging
export { createNodeWorkspace } from './workspace/nodeWorkspace';
export type { Workspace, FileView, FileStat, FileType, DirEntry, WorkspaceFileEdit } from './workspace/types';
export { createStagingArea } from './staging/stagingArea';
export type {
  StagingArea,
  StagedChange,
  StagedConflict,
  Hunk,
  ApplyOutcome,
  ApplyAllOptions,
  StageOp,
  StageBatchResult,
  StagingBranch,
  BranchMergeReport,
  UndoResult,
  RevertOutcome,
} from './staging/types';

// commands, approvals, policy
export { createNodeShell } from './shell/nodeShell';
export { createSandboxedShell } from './sandbox/sandboxedShell';
export type { Shell, ShellRequest, ShellResult, ImportSummary } from './shell/types';
export { denyAll } from './approvals/types';
export type { Approvals, ApprovalRequest, ApprovalDecision } from './approvals/types';
export { createGuard } from './policy/createGuard';
export { APPROVAL_POLICIES, DEFAULT_APPROVAL_POLICY } from './policy/types';
export type { ApprovalPolicy } from './policy/types';
export type { Guard, GuardAction, CommandAssessment, PathAssessment } from './policy/guard';

// tools
export { createDefaultTools } from './tools/defaultTools';
export { ToolError } from './tools/types';
export { quoteArgv } from './tools/shell';
export type { Tool, ToolContext, ToolResult } from './tools/types';
export type { AgentControl, SpawnRequest, SubagentReport, CardSink } from './tools/agentControl';

// MCP servers: configuration, the hub (servers, state, events), what is remembered
export { createMcpHub, DEFAULT_STARTUP_TIMEOUT_MS, DEFAULT_TOOL_TIMEOUT_MS } from './mcp/hub';
export type { McpHub, McpHubOptions, McpToolEntry, McpSessionStart } from './mcp/hub';
export { loadMcpConfig, McpConfigError, WORKSPACE_MCP_FILE, SETTING_ORIGIN } from './mcp/configFiles';
export type { LoadMcpConfigOptions, McpConfigFile } from './mcp/configFiles';
export { parseMcpServers, mergeMcpServers, serverFingerprint, describeTarget, type ParsedServers } from './mcp/config';
export { createFileMcpMemory, createMemoryMcpMemory } from './mcp/memory';
export { checkAllowPattern } from './mcp/permissions';
export { McpCallError } from './mcp/connection';
export { toWireSchema } from './mcp/schema';
export { planMcpTools, MAX_TOOLS_PER_REQUEST, type PlannedMcpTool } from './mcp/sessionTools';
export type * from './mcp/types';
export type { AgentMcpOptions } from './agent/sessionToolset';
export type { McpToolApprovalRequest, McpServerApprovalRequest } from './approvals/types';

// project instructions (AGENTS.md, or the rule files teams already have)
export { loadProjectInstructions, loadInstructionSources, findRepoRoot, RULE_FILE_FALLBACKS } from './instructions/agentsMd';

// skills, custom prompts and slash commands
export { discoverSkills, skillFolders, readSkillBody, mentionedSkills, renderSkillsList } from './skills/skills';
export type { Skill, SkillDiscovery, SkillRoots } from './skills/skills';
export { discoverPrompts, expandPrompt, type CustomPrompt, type PromptRoots, type PromptDiscovery } from './commands/prompts';
export { BUILTIN_COMMANDS, INIT_PROMPT, listSlashCommands, loadCustomPrompts, parseSlashCommand, resolveSlashCommand } from './commands/slash';
export type { SlashCommand, SlashResolution, BuiltinCommandName } from './commands/slash';

// code review (tandem review)
export { reviewChanges, DEFAULT_MAX_DIFF_CHARS, DEFAULT_MAX_PART_CHARS, DEFAULT_CONCURRENCY } from './codeReview/reviewChanges';
export { ReviewError } from './codeReview/types';
export type { ReviewTarget, ReviewFinding, ReviewResult, ReviewOptions, ReviewErrorCode, DroppedFinding, DropReason, OverallCorrectness, Priority, VerifyMode } from './codeReview/types';
export { collectDiff, parseGitDiff, type CollectedDiff, type DiffFile, type LineRange } from './codeReview/diff';
export { filterFindings } from './codeReview/filter';
// gateReview, meetsThresholds, parsePriority, priorityLabel and the thresholds: from ./shared
export { createDismissalStore, defaultDismissalFile, type Dismissal, type DismissalStore } from './codeReview/dismissals';
export { stagedChangesToPatch, readOnlyWorkspace } from './codeReview/staged';

// Commit messages for staged changes (the editor's Source Control action)
export { generateCommitMessage, commitMessagePrompt, cleanCommitMessage, CommitMessageError, DEFAULT_COMMIT_DIFF_CHARS } from './commitMessage/generate';
export type { CommitMessageRequest } from './commitMessage/generate';
