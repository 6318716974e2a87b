// An MCP tool's input schema made acceptable to both wire APIs (OpenAI's Responses API
// and Chat Completions, including compatible servers). Known rejections, fixed here:
//   - the root must be `type: "object"` without oneOf/anyOf/allOf/enum/not beside it
//     ("schema must have type 'object' and not have 'oneOf'/... at the top level");
//   - every array schema needs `items` ("array schema missing items"), also when
//     "array" is one of several types;
//   - a root object without `properties` trips some compatible servers.
// What cannot be fixed without inventing the tool's contract is refused with a reason
// (the tool is then skipped and the user is told): a root that is not an object, a root
// that is only a oneOf/anyOf, a $ref that leaves the document or leads nowhere, a schema
// that is too large or too deep. Dropping top-level combinators beside real properties
// only loosens the schema: the server still checks its full schema on every call.
export type WireSchemaResult = { ok: true; schema: Record<string, unknown>; notes: string[] } | { ok: false; reason: string };

export const MAX_SCHEMA_BYTES = 64 * 1024;
const MAX_DEPTH = 40;
const ROOT_COMBINATORS = ['oneOf', 'anyOf', 'allOf', 'not', 'enum'] as const;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Refused extends Error {}

/** Keys whose value is one subschema / a map of subschemas / a list of subschemas. */
const ONE = ['additionalProperties', 'unevaluatedProperties', 'items', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

function hasType(schema: Json, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

function resolvePointer(root: Json, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

function walk(schema: unknown, root: Json, depth: number, at: string): unknown {
  if (depth > MAX_DEPTH) throw new Refused(`the schema is nested more than ${MAX_DEPTH} levels deep`);
  if (!isRecord(schema)) return schema; // booleans and malformed parts are left as they are
  if (typeof schema.$ref === 'string') {
    if (!schema.$ref.startsWith('#')) throw new Refused(`${at} refers to an external schema (${schema.$ref})`);
    if (resolvePointer(root, schema.$ref) === undefined) throw new Refused(`${at} refers to ${schema.$ref}, which does not exist`);
  }
  if (hasType(schema, 'array') && schema.items === undefined) schema.items = {};
  for (const key of ONE) if (key in schema) schema[key] = walk(schema[key], root, depth + 1, `${at}.${key}`);
  for (const key of MAP) {
    const map = schema[key];
    if (!isRecord(map)) continue;
    for (const [k, v] of Object.entries(map)) map[k] = key === 'properties' && v === true ? {} : walk(v, root, depth + 1, `${at}.${key}.${k}`);
  }
  for (const key of LIST) {
    const list = schema[key];
    if (Array.isArray(list)) schema[key] = list.map((v, i) => walk(v, root, depth + 1, `${at}.${key}[${i}]`));
  }
  return schema;
}

/** The schema as sent to the model, or why it cannot be sent. Never changes `input`. */
export function toWireSchema(input: unknown): WireSchemaResult {
  if (!isRecord(input)) return { ok: false, reason: 'its input schema is not a JSON object' };
  let text: string;
  try {
    text = JSON.stringify(input);
  } catch (err) {
    return { ok: false, reason: `its input schema cannot be serialised (${(err as Error).message})` };
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_SCHEMA_BYTES) {
    return { ok: false, reason: `its input schema is larger than ${MAX_SCHEMA_BYTES / 1024} KB` };
  }
  const schema = JSON.parse(text) as Json;
  const notes: string[] = [];
  const combinators = ROOT_COMBINATORS.filter((k) => k in schema);
  const type = schema.type;
  if (type !== undefined && type !== 'object' && !(Array.isArray(type) && type.includes('object'))) {
    return { ok: false, reason: `its input schema's root type is ${JSON.stringify(type)}, but both APIs need an object` };
  }
  schema.type = 'object';
  if (combinators.length > 0) {
    if (!isRecord(schema.properties)) {
      return { ok: false, reason: `its input schema has a top-level ${combinators.join('/')} without properties, which neither API accepts` };
    }
    for (const k of combinators) delete schema[k];
    notes.push(`top-level ${combinators.join('/')} removed (the server still checks it)`);
  }
  delete schema.$schema;
  delete schema.$id;
  if (!isRecord(schema.properties)) schema.properties = {};
  if (schema.required !== undefined && !Array.isArray(schema.required)) delete schema.required;
  try {
    walk(schema, schema, 0, 'schema');
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: `its input schema cannot be sent: ${err.message}` };
    throw err;
  }
  return { ok: true, schema, notes };
}
