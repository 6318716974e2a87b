// The agent's default tool set. Each tool lives in its own file behind the Tool
// interface (types.ts); the agent validates arguments against `parameters` and runs
// mutating tools one at a time.
import type { Tool } from './types';
import { readFileTool } from './readFile';
import { listDirTool } from './listDir';
import { searchTool } from './search';
import { applyPatchTool } from './applyPatch';
import { shellTool } from './shell';
import { updatePlanTool } from './updatePlan';
import { viewImageTool } from './viewImage';

export { readFileTool, listDirTool, searchTool, applyPatchTool, shellTool, updatePlanTool, viewImageTool };
export { ToolError } from './types';
export type { Tool, ToolContext, ToolResult } from './types';

export function createDefaultTools(): Tool[] {
  return [readFileTool, listDirTool, searchTool, applyPatchTool, shellTool, updatePlanTool, viewImageTool] as Tool[];
}
