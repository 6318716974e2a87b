// The fake model server checks the tools of a request the way OpenAI does, and answers
// 400 with OpenAI's messages for what it rejects: a function name outside
// ^[a-zA-Z0-9_-]{1,64}$, more than 128 tools, a parameters schema whose root is not an
// object or has oneOf/anyOf/allOf/enum/not at the top level, and an array schema without
// items. So a test proves a request with a tool the client failed to clean would fail.

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_TOOLS = 128;

type Json = Record<string, any>;

function missingItems(schema: unknown, at: string[]): string[] | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  if (Array.isArray(schema)) {
    for (const [i, v] of schema.entries()) {
      const found = missingItems(v, [...at, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  const s = schema as Json;
  const isArray = s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));
  if (isArray && s.items === undefined) return at;
  for (const [k, v] of Object.entries(s)) {
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples' || k === 'required') continue;
    const found = missingItems(v, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

/** The tools of a request in either wire format, as { name, parameters }. */
function toolsOf(body: Json): { name: string; parameters: unknown }[] {
  const tools: Json[] = Array.isArray(body?.tools) ? body.tools : [];
  return tools.map((t) => (t.function ? { name: t.function.name, parameters: t.function.parameters } : { name: t.name, parameters: t.parameters }));
}

/** OpenAI's 400 message for the first tool it would reject, or undefined. */
export function rejectTools(body: Json): string | undefined {
  const tools = toolsOf(body);
  if (tools.length > MAX_TOOLS) return `Invalid 'tools': array too long. Expected an array with maximum length ${MAX_TOOLS}, but got an array with length ${tools.length} instead.`;
  for (const [i, t] of tools.entries()) {
    if (typeof t.name !== 'string' || !NAME.test(t.name)) return `Invalid 'tools[${i}].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`;
    const p = t.parameters as Json | undefined;
    if (p === undefined) continue;
    if (p.type !== 'object' || ['oneOf', 'anyOf', 'allOf', 'enum', 'not'].some((k) => k in p)) {
      return `Invalid schema for function '${t.name}': schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at the top level.`;
    }
    const at = missingItems(p, []);
    if (at) return `Invalid schema for function '${t.name}': In context=(${at.map((a) => `'${a}'`).join(', ')}), array schema missing items.`;
  }
  return undefined;
}
