// Parsing and merging MCP server configuration. Input is untrusted JSON (a settings
// value, a file a repository ships): every entry is checked, a bad entry is reported
// with its name and reason and skipped, and the others still load.
//
// Accepted shape (what users copy between Claude Code, Cursor, Cline, Codex...):
//   { "mcpServers": { "<name>": { "command", "args"?, "env"?, "cwd"? }
//                             | { "url", "headers"?, "type"? } } }
// plus "disabled": true / "enabled": false, and "timeout" (seconds per tool call).
// `type` may be "stdio", "http", "streamable-http" or "sse"; unknown keys are ignored
// (other tools' fields such as "alwaysAllow" never loosen Tandem's policy).
import { createHash } from 'node:crypto';
import type { McpServerConfig, McpServerEntry, McpServerSource } from './types';
import { isStdioConfig } from './types';

export interface ParsedServers {
  entries: McpServerEntry[];
  /** One sentence per rejected entry (or the whole value). */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(value: unknown, what: string): Record<string, string> {
  if (!isRecord(value)) throw new Error(`${what} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`${what}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

function parseEntry(raw: unknown): McpServerConfig {
  if (!isRecord(raw)) throw new Error('must be an object with "command" or "url"');
  const type = raw.type ?? raw.transport;
  if (type !== undefined && !['stdio', 'http', 'streamable-http', 'streamableHttp', 'sse'].includes(String(type))) {
    throw new Error(`unknown type "${String(type)}" (stdio, http or sse)`);
  }
  const common: Pick<McpServerConfig, 'disabled' | 'timeout'> = {};
  if (raw.disabled === true || raw.enabled === false) common.disabled = true;
  if (raw.timeout !== undefined) {
    if (typeof raw.timeout !== 'number' || !(raw.timeout > 0)) throw new Error('"timeout" must be a positive number of seconds');
    common.timeout = raw.timeout;
  }
  const hasCommand = raw.command !== undefined;
  const hasUrl = raw.url !== undefined;
  if (hasCommand && hasUrl) throw new Error('has both "command" and "url"; keep one');
  if (hasCommand) {
    if (typeof raw.command !== 'string' || raw.command.trim() === '') throw new Error('"command" must be a non-empty string');
    if (type !== undefined && type !== 'stdio') throw new Error(`type "${String(type)}" needs a "url", not a "command"`);
    const config: McpServerConfig = { command: raw.command, ...common };
    if (raw.args !== undefined) {
      if (!Array.isArray(raw.args) || raw.args.some((a) => typeof a !== 'string')) throw new Error('"args" must be an array of strings');
      config.args = raw.args as string[];
    }
    if (raw.env !== undefined) config.env = stringMap(raw.env, '"env"');
    if (raw.cwd !== undefined) {
      if (typeof raw.cwd !== 'string' || raw.cwd.trim() === '') throw new Error('"cwd" must be a non-empty string');
      config.cwd = raw.cwd;
    }
    return config;
  }
  if (hasUrl) {
    if (typeof raw.url !== 'string') throw new Error('"url" must be a string');
    let url: URL;
    try {
      url = new URL(raw.url);
    } catch {
      throw new Error(`"url" is not a URL: "${raw.url}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"url" must be http or https (got ${url.protocol})`);
    if (type === 'stdio') throw new Error('type "stdio" needs a "command", not a "url"');
    const config: McpServerConfig = { url: raw.url, ...common };
    if (raw.headers !== undefined) config.headers = stringMap(raw.headers, '"headers"');
    if (type === 'sse') config.transport = 'sse';
    else if (type !== undefined) config.transport = 'http';
    return config;
  }
  throw new Error('needs "command" (a program to start) or "url" (a server to reach)');
}

/** Parses one configuration value (a parsed file or the setting). */
export function parseMcpServers(value: unknown, source: McpServerSource, origin: string): ParsedServers {
  const problems: string[] = [];
  if (value === undefined || value === null) return { entries: [], problems };
  if (!isRecord(value)) return { entries: [], problems: [`${origin}: expected an object with "mcpServers".`] };
  // a bare map of servers (the setting's shape) or { "mcpServers": {...} }
  const servers = 'mcpServers' in value ? value.mcpServers : value;
  if (!isRecord(servers)) return { entries: [], problems: [`${origin}: "mcpServers" must be an object of servers.`] };
  const entries: McpServerEntry[] = [];
  for (const [name, raw] of Object.entries(servers)) {
    if (name.trim() === '' || name.includes('/')) {
      problems.push(`${origin}: server name "${name}" is not allowed (it must be non-empty and contain no "/").`);
      continue;
    }
    try {
      entries.push({ name, config: parseEntry(raw), source, origin });
    } catch (err) {
      problems.push(`${origin}: server "${name}" ${(err as Error).message}; it is skipped.`);
    }
  }
  return { entries, problems };
}

/**
 * Merges sources given from the lowest to the highest precedence; a later entry with
 * the same name replaces an earlier one, and the replacement is reported. Callers pass
 * the workspace's file first, so a repository can never replace a server of the user.
 */
export function mergeMcpServers(...lists: ParsedServers[]): ParsedServers {
  const byName = new Map<string, McpServerEntry>();
  const problems: string[] = [];
  for (const list of lists) {
    problems.push(...list.problems);
    for (const e of list.entries) {
      const previous = byName.get(e.name);
      if (previous) problems.push(`Server "${e.name}" from ${previous.origin} is replaced by the one in ${e.origin}.`);
      byName.set(e.name, e);
    }
  }
  return { entries: [...byName.values()], problems };
}

/**
 * What the user approves for a workspace server: everything that decides which program
 * runs and how (command, args, cwd, env) or which server is reached (url, headers). A
 * change to any of them asks again.
 */
export function serverFingerprint(config: McpServerConfig): string {
  const essence = isStdioConfig(config)
    ? { command: config.command, args: config.args ?? [], cwd: config.cwd ?? '', env: sorted(config.env) }
    : { url: config.url, headers: sorted(config.headers), transport: config.transport ?? '' };
  return createHash('sha256').update(JSON.stringify(essence)).digest('hex');
}

function sorted(map: Record<string, string> | undefined): [string, string][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Shell-like quoting of one word for display. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line (stdio) or URL (http) as the user should see it. */
export function describeTarget(config: McpServerConfig): string {
  if (isStdioConfig(config)) return [config.command, ...(config.args ?? [])].map(quote).join(' ');
  return config.url;
}

export function transportOf(config: McpServerConfig): 'stdio' | 'http' | 'sse' {
  if (isStdioConfig(config)) return 'stdio';
  return config.transport === 'sse' ? 'sse' : 'http';
}
