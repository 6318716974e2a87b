// Runtime schemas for everything the webview may send. The webview is less trusted
// than the host (it renders model output), so every inbound message is checked before
// dispatch. The type assertions at the bottom keep these schemas and the protocol
// types in src/protocol/messages.ts in step: a drift is a compile error.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ParamsOf, RequestMethod } from '../../protocol/messages';

const MAX_TEXT = 1_000_000;
const Id = Type.String({ minLength: 1, maxLength: 200 });
const RelPath = Type.String({ minLength: 1, maxLength: 4096 });
const Empty = Type.Object({}, { additionalProperties: false });
const Policy = Type.Union([Type.Literal('read-only'), Type.Literal('on-request'), Type.Literal('untrusted'), Type.Literal('full-access')]);
const Effort = Type.Union([Type.Literal('minimal'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);
const Provider = Type.Union([Type.Literal('openai'), Type.Literal('ollama'), Type.Literal('custom')]);
const Url = Type.String({ maxLength: 2048 });
const ReviewTarget = Type.Union([
  Type.Object({ type: Type.Literal('uncommitted') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('staged') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('branch'), base: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('commit'), sha: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
]);
const ImageHash = Type.String({ pattern: '^[0-9a-f]{64}$' });
const ImageMime = Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg'), Type.Literal('image/gif'), Type.Literal('image/webp')]);
const QueueMode = Type.Union([Type.Literal('queue'), Type.Literal('steer')]);
const HunkIds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 10_000 });

const Attachment = Type.Union([
  Type.Object(
    {
      type: Type.Literal('file'),
      path: RelPath,
      range: Type.Optional(Type.Object({ startLine: Type.Integer({ minimum: 1 }), endLine: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('selection'),
      path: RelPath,
      text: Type.String({ maxLength: MAX_TEXT }),
      startLine: Type.Integer({ minimum: 1 }),
      endLine: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('diagnostics'), text: Type.String({ maxLength: MAX_TEXT }) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('image'),
      hash: ImageHash,
      mime: ImageMime,
      width: Type.Integer({ minimum: 1, maximum: 100_000 }),
      height: Type.Integer({ minimum: 1, maximum: 100_000 }),
      name: Type.Optional(Type.String({ maxLength: 4096 })),
    },
    { additionalProperties: false },
  ),
  // the core reads a skill by name among the session's skills, never by this path
  Type.Object({ type: Type.Literal('skill'), name: Type.String({ minLength: 1, maxLength: 64 }), path: Type.String({ maxLength: 4096 }) }, { additionalProperties: false }),
]);

const obj = <T extends Record<string, TSchema>>(props: T) => Type.Object(props, { additionalProperties: false });

export const paramSchemas = {
  'webview/ready': obj({ protocolVersion: Type.Integer({ minimum: 0 }) }),
  'turn/send': obj({ text: Type.String({ maxLength: MAX_TEXT }), attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100 })) }),
  'commands/list': Empty,
  'commands/run': obj({ text: Type.String({ minLength: 2, maxLength: MAX_TEXT, pattern: '^\\s*/' }), attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100 })) }),
  'turn/stop': Empty,
  'turn/retry': Empty,
  'session/new': Empty,
  'session/open': obj({ sessionId: Id }),
  'session/delete': obj({ sessionId: Id }),
  'session/list': Empty,
  'session/items': obj({ sessionId: Id, before: Id, limit: Type.Integer({ minimum: 1, maximum: 1000 }) }),
  'approval/respond': obj({
    requestId: Id,
    // allow_always: only an mcp_tool request honours it (elsewhere the core counts it as allow_session)
    decision: Type.Union([Type.Literal('allow_once'), Type.Literal('allow_session'), Type.Literal('allow_always'), Type.Literal('deny')]),
    reason: Type.Optional(Type.String({ maxLength: 10_000 })),
  }),
  'config/update': obj({
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    reasoningEffort: Type.Optional(Effort),
    approvalPolicy: Type.Optional(Policy),
  }),
  'setup/save': obj({
    provider: Provider,
    baseUrl: Type.Optional(Url),
    apiKey: Type.Optional(Type.String({ maxLength: 10_000 })),
    model: Type.Optional(Type.String({ maxLength: 200 })),
  }),
  'setup/test': obj({ provider: Provider, baseUrl: Type.Optional(Url), apiKey: Type.Optional(Type.String({ maxLength: 10_000 })) }),
  'files/search': obj({ query: Type.String({ maxLength: 1000 }) }),
  'context/selection': Empty,
  'context/problems': Empty,
  'link/open': obj({ href: Type.String({ minLength: 1, maxLength: 8192 }) }),
  'code/insert': obj({ code: Type.String({ maxLength: MAX_TEXT }) }),
  'changes/apply': obj({ path: Type.Optional(RelPath), hunkIds: Type.Optional(HunkIds) }),
  'changes/reject': obj({ path: Type.Optional(RelPath), hunkIds: Type.Optional(HunkIds), reason: Type.Optional(Type.String({ maxLength: 10_000 })) }),
  'changes/openDiff': obj({ path: RelPath }),
  'review/run': obj({ target: Type.Optional(ReviewTarget) }),
  'review/cancel': obj({ runId: Id }),
  'review/fix': obj({ runId: Id, findingIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200 })) }),
  'review/dismiss': obj({ runId: Id, findingId: Id, reason: Type.Optional(Type.String({ maxLength: 10_000 })) }),
  'queue/add': obj({ text: Type.String({ maxLength: MAX_TEXT }), attachments: Type.Optional(Type.Array(Attachment, { maxItems: 100 })), mode: QueueMode }),
  'queue/update': obj({ id: Id, text: Type.Optional(Type.String({ maxLength: MAX_TEXT })), mode: Type.Optional(QueueMode) }),
  'queue/remove': obj({ id: Id }),
  'queue/move': obj({ id: Id, index: Type.Integer({ minimum: 0, maximum: 10_000 }) }),
  'queue/run': Empty,
  'turn/undo': obj({ turnId: Id }),
  'turn/revert': obj({ turnId: Id }),
  // a pasted image arrives as base64 (at most ~30 MB of it; the core downscales)
  'image/add': obj({ data: Type.Optional(Type.String({ maxLength: 40_000_000, pattern: '^[A-Za-z0-9+/=]*$' })), name: Type.Optional(Type.String({ maxLength: 4096 })), path: Type.Optional(RelPath) }),
  'image/read': obj({ hash: ImageHash, mime: ImageMime }),
  'agent/items': obj({ agentId: Id }),
  'agent/stop': obj({ agentId: Id }),
} satisfies { [M in RequestMethod]: TSchema };

export const envelopeSchema = obj({
  kind: Type.Literal('request'),
  id: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  method: Type.String({ maxLength: 100 }),
  params: Type.Optional(Type.Unknown()),
});

// --- compile-time agreement between schemas and protocol types ---
type Schemas = typeof paramSchemas;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check = { [M in RequestMethod]: Same<Static<Schemas[M]>, NormalizeEmpty<ParamsOf<M>>> };
// Record<string, never> and {} describe the same (empty) params object.
type NormalizeEmpty<T> = T extends Record<string, never> ? (keyof T extends never ? Record<never, never> : T) : T;
type AllTrue<T> = T[keyof T] extends true ? true : never;
const _schemasMatchProtocol: AllTrue<Check> = true;
void _schemasMatchProtocol;
