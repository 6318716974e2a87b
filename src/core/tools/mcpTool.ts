// One MCP server tool behind the Tool interface. The model sees `mcp__<server>__<tool>`
// with the server's schema made acceptable to the wire APIs (mcp/schema.ts); the call
// goes to the server under the tool's own name. Every call passes the MCP approval
// policy first (mcp/permissions.ts): a denied call never reaches the server. Server
// problems (not running, crashed mid-call, timed out, an error answer) become a failed
// tool output the model reads; the turn goes on. Images in a result are stored in the
// session's image store and sent after the round's outputs, like view_image's.
//
// `mutates` is true unless the server marks the tool readOnlyHint: such calls run one
// at a time, and the read-only policy refuses them before asking.
import type { TSchema } from '@sinclair/typebox';
import type { McpHub, McpToolEntry } from '../mcp/hub';
import type { McpPermissions } from '../mcp/permissions';
import { imageBlocks, renderCallResult, type ShownImage } from '../mcp/result';
import { ImageError } from '../images/prepare';
import type { ImageAttachment } from '../types/items';
import { McpCallError } from '../mcp/connection';
import { refusalText } from './common';
import { ToolError, type Tool, type ToolContext, type ToolResult } from './types';
import type { ApprovalDecision } from '../approvals/types';

/** Longest description sent (servers sometimes ship manuals). */
export const MAX_MCP_DESCRIPTION = 2048;

export interface McpToolOptions {
  entry: McpToolEntry;
  /** The model's name for the tool (mcp/naming.ts). */
  name: string;
  /** The wire-ready schema (mcp/schema.ts). */
  schema: Record<string, unknown>;
  hub: Pick<McpHub, 'callTool'>;
  permissions: McpPermissions;
  /** Checks arguments against the server's schema; returns problems (none: valid). */
  check(args: unknown): string[];
}

/** Most images one call shows the model (the rest are named, not sent). */
export const MAX_MCP_IMAGES = 4;

/**
 * The result's images stored in the session's image store (downscaled when over the
 * limits), to be sent like view_image's; each one that cannot be says why.
 */
async function storeImages(blocks: { data: unknown }[], ctx: ToolContext, name: string): Promise<ShownImage[]> {
  const out: ShownImage[] = [];
  for (const b of blocks) {
    if (!ctx.images) out.push({ notShown: 'this session takes no images' });
    else if (ctx.imagesAllowed === false) out.push({ notShown: 'image input is switched off for this model' });
    else if (out.filter((s) => 'hash' in s).length >= MAX_MCP_IMAGES) out.push({ notShown: `at most ${MAX_MCP_IMAGES} images per call are shown` });
    else if (typeof b.data !== 'string' || b.data === '') out.push({ notShown: 'the server sent no image data' });
    else {
      try {
        out.push(await ctx.images.add(new Uint8Array(Buffer.from(b.data, 'base64')), name));
      } catch (err) {
        if (!(err instanceof ImageError)) throw err;
        out.push({ notShown: err.message });
      }
    }
  }
  return out;
}

/** The reason carried by a refusal, whatever its kind. */
function reasonOf(decision: ApprovalDecision): string {
  return 'reason' in decision && typeof decision.reason === 'string' ? decision.reason : '';
}

function describe(entry: McpToolEntry): string {
  const { tool } = entry;
  const text = `(MCP server "${entry.server}") ${tool.title && !tool.description.startsWith(tool.title) ? `${tool.title}. ` : ''}${tool.description}`.trim();
  return text.length <= MAX_MCP_DESCRIPTION ? text : `${text.slice(0, MAX_MCP_DESCRIPTION - 1)}…`;
}

export function createMcpTool(options: McpToolOptions): Tool {
  const { entry, hub, permissions } = options;
  const { server, tool } = entry;
  const subject = { server, source: entry.source, tool: tool.name, annotations: tool.annotations };
  const hints = tool.annotations ?? {};
  return {
    name: options.name,
    description: describe(entry),
    parameters: options.schema as unknown as TSchema,
    mutates: hints.readOnlyHint !== true,
    mcp: { server, tool: tool.name },
    validate(args: unknown): string[] {
      if (typeof args !== 'object' || args === null || Array.isArray(args)) return ['(root): the arguments must be a JSON object'];
      return options.check(args);
    },
    async run(args: unknown, ctx: ToolContext): Promise<ToolResult> {
      const verdict = await permissions.decide(subject, ctx.guard.policy);
      if (verdict.action === 'deny') throw new ToolError(`${options.name} is not allowed: ${verdict.why}.`);
      const argsText = JSON.stringify(args);
      if (verdict.action === 'ask') {
        const decision = await ctx.approvals.request(
          {
            type: 'mcp_tool',
            server,
            tool: tool.name,
            name: options.name,
            ...(tool.title ? { title: tool.title } : {}),
            arguments: argsText,
            ...(hints.readOnlyHint !== undefined ? { readOnlyHint: hints.readOnlyHint } : {}),
            ...(hints.destructiveHint !== undefined ? { destructiveHint: hints.destructiveHint } : {}),
            ...(hints.openWorldHint !== undefined ? { openWorldHint: hints.openWorldHint } : {}),
            why: verdict.why,
          },
          ctx.signal,
        );
        // fail closed: only an explicit allow runs the call (a deny, or any answer this code does not know)
        switch (decision.decision) {
          case 'allow_once':
            break;
          case 'allow_session':
            permissions.rememberSession(server, tool.name);
            break;
          case 'allow_always':
            await permissions.rememberAlways(subject);
            break;
          default:
            throw new ToolError(
              refusalText(`the call to the MCP tool ${server}/${tool.name}`, decision.decision === 'cannot_ask' ? { by: 'no_one', reason: decision.reason } : { by: 'user', reason: reasonOf(decision) }),
            );
        }
      }
      let result;
      try {
        result = await hub.callTool(server, tool.name, args as Record<string, unknown>, { signal: ctx.signal, timeoutMs: entry.timeoutMs });
      } catch (err) {
        if (err instanceof McpCallError) throw new ToolError(err.message);
        throw err;
      }
      const shown = await storeImages(imageBlocks(result), ctx, `${server}/${tool.name}`);
      const images = shown.filter((s): s is ImageAttachment => 'hash' in s);
      return { ...renderCallResult(result, shown), ...(images.length ? { images } : {}) };
    },
  };
}
