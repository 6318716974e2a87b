// The multi-agent tools, given to agents that may start subagents (see createAgent).
import type { Tool } from './types';
import { spawnAgentTool } from './spawnAgent';
import { waitAgentTool } from './waitAgent';
import { sendMessageTool } from './sendMessage';
import { closeAgentTool } from './closeAgent';

export const MULTI_AGENT_TOOL_NAMES: readonly string[] = ['spawn_agent', 'wait_agent', 'send_message', 'close_agent'];

export function createMultiAgentTools(): Tool[] {
  return [spawnAgentTool, waitAgentTool, sendMessageTool, closeAgentTool] as Tool[];
}
