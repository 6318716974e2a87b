// Checks one inbound message against the envelope and its method's params schema.
// Missing params on a method without params count as `{}` (webviews often omit them).
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import type { RequestMethod, WebviewToHost } from '../../protocol/messages';
import { envelopeSchema, paramSchemas } from './schemas';

export type Validated =
  | { ok: true; message: WebviewToHost }
  | { ok: false; id?: number; error: string };

const envelope = TypeCompiler.Compile(envelopeSchema);
const compiled = new Map<string, TypeCheck<TSchema>>();

function checker(method: RequestMethod): TypeCheck<TSchema> {
  let check = compiled.get(method);
  if (!check) {
    check = TypeCompiler.Compile(paramSchemas[method] as TSchema);
    compiled.set(method, check);
  }
  return check;
}

export function isRequestMethod(method: string): method is RequestMethod {
  return Object.prototype.hasOwnProperty.call(paramSchemas, method);
}

export function validateInbound(raw: unknown): Validated {
  if (!envelope.Check(raw)) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : undefined;
    const first = envelope.Errors(raw).First();
    return { ok: false, id, error: `Invalid message${first ? `: ${first.path || '/'} ${first.message}` : ''}.` };
  }
  const { id, method } = raw;
  if (!isRequestMethod(method)) return { ok: false, id, error: `Unknown method "${method}".` };
  const params = raw.params === undefined ? {} : raw.params;
  const check = checker(method);
  if (!check.Check(params)) {
    const first = check.Errors(params).First();
    return { ok: false, id, error: `Invalid params for ${method}${first ? `: ${first.path || '/'} ${first.message}` : ''}.` };
  }
  return { ok: true, message: { kind: 'request', id, method, params } as WebviewToHost };
}
