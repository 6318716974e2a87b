// Structured output: run(input, { outputSchema }) asks the model for its final answer as
// JSON matching a JSON Schema (model/types.ts OutputSchema) and checks what comes back
// with Ajv, a full JSON Schema validator (draft-07 by default; 2019-09 and 2020-12 when
// the schema's $schema says so). typebox's Value checks typebox schemas, not arbitrary
// JSON Schema, so it cannot do this.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019';
import { Ajv2020 } from 'ajv/dist/2020';
import type { OutputSchema } from '../model/types';
import type { TurnResult } from './types';

/** The final answer did not parse as JSON or did not match the schema. */
export class OutputSchemaError extends Error {
  constructor(
    message: string,
    /** The final answer as the model gave it. */
    readonly text: string,
    /** The turn (completed) whose answer failed. */
    readonly result: TurnResult,
  ) {
    super(message);
    this.name = 'OutputSchemaError';
  }
}

export interface CompiledOutput {
  /** What the model request carries. */
  request: OutputSchema;
  /** The turn's result with `output` set; throws OutputSchemaError on a mismatch. */
  check(result: TurnResult): TurnResult;
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { allErrors: false, strict: false };
  const ajv = /2020-12/.test(dialect) ? new Ajv2020(options) : /2019-09/.test(dialect) ? new Ajv2019(options) : new Ajv(options);
  try {
    return ajv.compile(schema);
  } catch (err) {
    throw new Error(`The output schema is not a valid JSON Schema: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** "at /items/0/name: must be string" for Ajv's first error. */
export function describeMismatch(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the root' : e.instancePath;
  const extra =
    e.keyword === 'additionalProperties' ? ` ("${String((e.params as { additionalProperty?: string }).additionalProperty)}")` : e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})` : '';
  return `at ${where}: ${e.message ?? e.keyword}${extra}`;
}

/** The answer's JSON: the text itself, or the inside of one ```json fence around it. */
function parseAnswer(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return JSON.parse(fenced ? fenced[1] : text);
}

/** Compiles a schema for one run (throws a clear Error when the schema itself is invalid). */
export function compileOutputSchema(schema: Record<string, unknown>, name = 'output'): CompiledOutput {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('The output schema must be a JSON Schema object.');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`The output schema's name must be 1-64 letters, digits, '_' or '-' (got "${name}").`);
  const validate = validatorFor(schema);
  return {
    request: { name, schema },
    check(result) {
      if (result.status !== 'completed') return result;
      const text = result.finalResponse;
      let value: unknown;
      try {
        value = parseAnswer(text);
      } catch (err) {
        const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        throw new OutputSchemaError(`The agent's final answer is not JSON (${err instanceof Error ? err.message : String(err)}): ${JSON.stringify(shown)}`, text, result);
      }
      if (!validate(value)) {
        const first = validate.errors?.[0];
        throw new OutputSchemaError(`The agent's final answer does not match the output schema ${first ? describeMismatch(first) : ''}.`, text, result);
      }
      return { ...result, output: value };
    },
  };
}
