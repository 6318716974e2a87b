// An MCP tool result as text for the model (the history carries text outputs on both
// wire APIs). Text blocks are kept; structured content is sent as JSON unless a text
// block already carries the same JSON (servers are told to send both); images the tool
// stored in the session's image store (`shown`) are named by a line and sent after the
// outputs as images (like view_image's); other images and audio become a line saying
// what they were and why they are not shown;
// resource links and embedded resources keep their URI, name and text. The whole output
// is capped, keeping its head and tail.
import { capHeadTail } from '../tools/common';
import type { ImageAttachment } from '../types/items';

export const MAX_MCP_OUTPUT_BYTES = 32 * 1024;

/** The parts of a CallToolResult this reads (the SDK's type is wider and versioned). */
export interface McpCallResult {
  content?: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
  /** Protocol 2024-10-07 servers answer { toolResult }. */
  toolResult?: unknown;
}

type Block = Record<string, any>;

/** What became of an image block: stored in the session (sent as an image), or why it was not shown. */
export type ShownImage = ImageAttachment | { notShown: string };

/** The image blocks of a result, in order: what `shown` in renderCallResult answers for. */
export function imageBlocks(result: McpCallResult): { data: unknown; mimeType: unknown }[] {
  const blocks = Array.isArray(result.content) ? (result.content as Block[]) : [];
  return blocks.filter((b) => b?.type === 'image').map((b) => ({ data: b.data, mimeType: b.mimeType }));
}

function sizeOfBase64(data: unknown): string {
  if (typeof data !== 'string') return 'unknown size';
  const bytes = Math.floor((data.replace(/=+$/, '').length * 3) / 4);
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

function renderBlock(b: Block, shown: ShownImage | undefined): string {
  switch (b.type) {
    case 'text':
      return String(b.text ?? '');
    case 'image':
      if (shown && 'hash' in shown) return `[image ${shown.mime}, ${shown.width}×${shown.height}: attached after the tool outputs]`;
      return `[image ${b.mimeType ?? ''}, ${sizeOfBase64(b.data)}: not shown (${shown?.notShown ?? 'tool outputs carry text only'})]`;
    case 'audio':
      return `[${b.type} ${b.mimeType ?? ''}, ${sizeOfBase64(b.data)}: not shown (tool outputs carry text only)]`;
    case 'resource_link': {
      const name = b.name ?? b.title;
      return `[resource link] ${name ? `${name} ` : ''}<${b.uri}>${b.mimeType ? ` (${b.mimeType})` : ''}${b.description ? `: ${b.description}` : ''}`;
    }
    case 'resource': {
      const r = (b.resource ?? {}) as Block;
      if (typeof r.text === 'string') return `[resource] <${r.uri}>${r.mimeType ? ` (${r.mimeType})` : ''}\n${r.text}`;
      return `[resource] <${r.uri}>${r.mimeType ? ` (${r.mimeType})` : ''}: binary, ${sizeOfBase64(r.blob)}, not shown`;
    }
    default:
      return `[${String(b.type ?? 'unknown')} content]`;
  }
}

/** Output text and success for the model; `shown`: one entry per image block (imageBlocks), in order. */
export function renderCallResult(result: McpCallResult, shown: readonly ShownImage[] = []): { output: string; success: boolean } {
  const blocks = Array.isArray(result.content) ? (result.content as Block[]) : [];
  let image = 0;
  const parts = blocks.map((b) => renderBlock(b, b?.type === 'image' ? shown[image++] : undefined)).filter((t) => t !== '');
  if (result.structuredContent !== undefined && !echoed(result.structuredContent, blocks)) {
    parts.push(`Structured content:\n${JSON.stringify(result.structuredContent)}`);
  }
  if (blocks.length === 0 && result.toolResult !== undefined) parts.push(JSON.stringify(result.toolResult));
  let output = parts.join('\n');
  if (output.trim() === '') output = result.isError ? 'The tool failed without saying why.' : '(the tool returned no content)';
  return { output: capHeadTail(output, MAX_MCP_OUTPUT_BYTES * 0.75, MAX_MCP_OUTPUT_BYTES * 0.25), success: result.isError !== true };
}

/**
 * True when the text blocks already say what the structured content says (servers are
 * told to send both): a text block is the same JSON, or every leaf is a string that the
 * text contains (e.g. { "content": <the text> }).
 */
function echoed(structured: unknown, blocks: Block[]): boolean {
  const texts = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
  if (texts.some((t) => sameJson(t, structured))) return true;
  const leaves: unknown[] = [];
  const walk = (v: unknown) => {
    if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    else leaves.push(v);
  };
  walk(structured);
  const all = texts.join('\n');
  return leaves.length > 0 && leaves.every((l) => typeof l === 'string' && l !== '' && all.includes(l));
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
