// Names the model sees for MCP tools: `mcp__<server>__<tool>`, within the rules of both
// wire APIs: ^[a-zA-Z0-9_-]{1,64}$ (OpenAI's function names; compatible servers accept
// the same). Characters outside the set become "_"; a name that is too long, or that
// collides with another tool's name after cleaning, keeps a recognisable prefix and ends
// in a short hash of the server and tool, so it is unique and the same in every session.
// Tools are always called by their original name on their server; only the model's name
// is cleaned.
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME = 64;
export const MCP_PREFIX = 'mcp__';
const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

export function isValidToolName(name: string): boolean {
  return VALID.test(name);
}

function clean(part: string): string {
  const c = part.replace(/[^a-zA-Z0-9_-]/g, '_');
  return c === '' ? '_' : c;
}

function hash(server: string, tool: string): string {
  return createHash('sha256').update(`${server}\u0000${tool}`).digest('hex').slice(0, 8);
}

/**
 * Assigns model names to (server, tool) pairs, avoiding `reserved` (the built-in tools)
 * and each other. Call `name` in a stable order (the session's order) for stable names.
 */
export class ToolNamer {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  name(server: string, tool: string): string {
    let name = `${MCP_PREFIX}${clean(server)}__${clean(tool)}`;
    if (name.length > MAX_TOOL_NAME || this.taken.has(name)) {
      const suffix = `_${hash(server, tool)}`;
      name = name.slice(0, MAX_TOOL_NAME - suffix.length) + suffix;
    }
    // a second collision (only a hash collision could cause it): number it
    for (let n = 2; this.taken.has(name); n++) name = `${name.slice(0, MAX_TOOL_NAME - String(n).length - 1)}_${n}`;
    this.taken.add(name);
    return name;
  }
}
