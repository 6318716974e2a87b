// Where MCP configuration comes from, and in which precedence (lowest first):
//   1. <workspace>/.tandem/mcp.json       source 'workspace' (trust + approval needed)
//   2. the tandem.mcpServers setting      source 'user' (the editor host passes it)
//   3. user files in the order given      source 'user' (CLI: ~/.tandem/mcp.json, then --mcp-config)
// A repository's file comes first so it can never replace a server of the user's.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mergeMcpServers, parseMcpServers, type ParsedServers } from './config';

export const WORKSPACE_MCP_FILE = path.join('.tandem', 'mcp.json');
export const SETTING_ORIGIN = 'setting tandem.mcpServers';

export interface McpConfigFile {
  path: string;
  /** Missing or unreadable is an error (a file the user named), not silently skipped. */
  required?: boolean;
}

export interface LoadMcpConfigOptions {
  /** Value of the tandem.mcpServers setting (a map of servers, or { mcpServers }). */
  setting?: unknown;
  userFiles?: McpConfigFile[];
  /** Its .tandem/mcp.json is read as the workspace's configuration. */
  workspaceRoot?: string;
}

export class McpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpConfigError';
  }
}

/** A JSON file's value; undefined when it does not exist. Throws McpConfigError when it cannot be used. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new McpConfigError(`${file} cannot be read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new McpConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

async function fromFile(file: McpConfigFile, source: 'user' | 'workspace'): Promise<ParsedServers> {
  try {
    const value = await readJson(file.path);
    if (value === undefined && file.required) throw new McpConfigError(`${file.path} does not exist.`);
    return parseMcpServers(value, source, file.path);
  } catch (err) {
    if (file.required || !(err instanceof McpConfigError)) throw err;
    return { entries: [], problems: [`${err.message} Its servers are not loaded.`] };
  }
}

/** All configured servers, merged; `problems` lists what was skipped and why. */
export async function loadMcpConfig(options: LoadMcpConfigOptions): Promise<ParsedServers> {
  const lists: ParsedServers[] = [];
  if (options.workspaceRoot) lists.push(await fromFile({ path: path.join(options.workspaceRoot, WORKSPACE_MCP_FILE) }, 'workspace'));
  if (options.setting !== undefined) lists.push(parseMcpServers(options.setting, 'user', SETTING_ORIGIN));
  for (const file of options.userFiles ?? []) lists.push(await fromFile(file, 'user'));
  return mergeMcpServers(...lists);
}
