// Structured output: the schema on the wire (both APIs) and the answer's check with Ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileOutputSchema, OutputSchemaError } from '../../../../src/core/agent/output';
import { toResponsesParams } from '../../../../src/core/model/responses';
import { toChatParams } from '../../../../src/core/model/chat';
import type { TurnResult } from '../../../../src/core/agent/types';
import { usage } from './helpers';

const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, tags: { type: 'array', items: { enum: ['a', 'b'] } } },
  required: ['name'],
  additionalProperties: false,
};
const done = (finalResponse: string, status: TurnResult['status'] = 'completed'): TurnResult => ({ turnId: 't', items: [], finalResponse, usage: usage(), status });

function mismatch(text: string, s: Record<string, unknown> = schema): string {
  try {
    compileOutputSchema(s).check(done(text));
  } catch (err) {
    assert.ok(err instanceof OutputSchemaError);
    assert.equal(err.text, text);
    return err.message;
  }
  return 'no error';
}

test('a matching answer comes back parsed as output (a json fence around it is tolerated)', () => {
  const c = compileOutputSchema(schema);
  assert.deepEqual(c.check(done('{"name":"x","tags":["a"]}')).output, { name: 'x', tags: ['a'] });
  assert.deepEqual(c.check(done('```json\n{"name":"y"}\n```')).output, { name: 'y' });
  // a turn that did not complete is returned as it is
  assert.equal(c.check(done('', 'failed')).output, undefined);
});

test('a mismatch names the first problem and where it is', () => {
  assert.equal(mismatch('{"tags":[]}'), "The agent's final answer does not match the output schema at the root: must have required property 'name'.");
  assert.equal(mismatch('{"name":3}'), "The agent's final answer does not match the output schema at /name: must be string.");
  assert.equal(mismatch('{"name":"x","extra":1}'), 'The agent\'s final answer does not match the output schema at the root: must NOT have additional properties ("extra").');
  assert.equal(mismatch('{"name":"x","tags":["c"]}'), 'The agent\'s final answer does not match the output schema at /tags/0: must be equal to one of the allowed values (["a","b"]).');
  assert.match(mismatch('Sure! Here it is: {"name":"x"}'), /^The agent's final answer is not JSON \(.*\): "Sure! Here it is/);
});

test('draft 2020-12 schemas validate; an invalid schema or name fails before anything runs', () => {
  const s2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'integer' }], items: false };
  assert.deepEqual(compileOutputSchema(s2020).check(done('[1]')).output, [1]);
  assert.match(mismatch('[1, 2]', s2020), /at the root: must NOT have more than 1 items/);
  assert.throws(() => compileOutputSchema({ type: 'nonsense' }), /The output schema is not a valid JSON Schema/);
  assert.throws(() => compileOutputSchema(schema, 'has spaces'), /name must be 1-64 letters/);
});

test('the schema travels as Responses text.format and Chat Completions response_format', () => {
  const request = { model: 'm', instructions: 'i', input: [], tools: [], signal: new AbortController().signal, outputSchema: compileOutputSchema(schema, 'answer').request };
  assert.deepEqual(toResponsesParams(request).text, { format: { type: 'json_schema', name: 'answer', schema, strict: false } });
  assert.deepEqual(toChatParams(request).response_format, { type: 'json_schema', json_schema: { name: 'answer', schema, strict: false } });
  const plain = { ...request, outputSchema: undefined };
  assert.equal(toResponsesParams(plain).text, undefined);
  assert.equal(toChatParams(plain).response_format, undefined);
});
