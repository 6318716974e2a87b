// What the model sees of MCP tools: names, schemas and results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toWireSchema } from '../../../../src/core/mcp/schema';
import { ToolNamer, isValidToolName } from '../../../../src/core/mcp/naming';
import { imageBlocks, renderCallResult, MAX_MCP_OUTPUT_BYTES } from '../../../../src/core/mcp/result';
import { rejectTools } from '../../../fakes/fakeModelServerTools';

/** The fake server's OpenAI rules (undefined: accepted). */
const openaiRejects = (parameters: unknown) => rejectTools({ tools: [{ type: 'function', name: 't', parameters }] });

test('fixable schemas are fixed and then accepted', () => {
  const cases: unknown[] = [
    {},
    { type: 'object' },
    { type: 'object', properties: { tags: { type: 'array' } } },
    { type: 'object', properties: { v: { type: ['array', 'null'] } } },
    { type: 'object', properties: { deep: { type: 'object', properties: { list: { type: 'array', items: { type: 'array' } } } } } },
    { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] },
    { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { x: true } },
    { type: 'object', properties: { r: { $ref: '#/$defs/R' } }, $defs: { R: { type: 'array' } } },
  ];
  for (const input of cases) {
    const before = JSON.stringify(input);
    const r = toWireSchema(input);
    assert.ok(r.ok, `${before}: ${!r.ok && r.reason}`);
    assert.equal(openaiRejects(r.schema), undefined, `${JSON.stringify(r.schema)} is accepted`);
    assert.equal(JSON.stringify(input), before, 'the input is not changed');
  }
  const combined = toWireSchema(cases[5]);
  assert.ok(combined.ok && combined.notes[0].includes('top-level anyOf removed'));
  const noSchema = toWireSchema(cases[6]);
  assert.ok(noSchema.ok && !('$schema' in noSchema.schema));
});

test('schemas that cannot be made acceptable are refused with a reason', () => {
  const refused: [unknown, RegExp][] = [
    [{ type: 'array', items: {} }, /root type is "array"/],
    [{ type: 'string' }, /root type is "string"/],
    [{ type: 'object', oneOf: [{ properties: { a: {} } }, { properties: { b: {} } }] }, /top-level oneOf without properties/],
    [{ anyOf: [{ type: 'object' }] }, /top-level anyOf without properties/],
    [{ type: 'object', properties: { x: { $ref: 'https://example.com/x.json' } } }, /external schema/],
    [{ type: 'object', properties: { x: { $ref: '#/$defs/missing' } } }, /does not exist/],
    [{ type: 'object', properties: { big: { description: 'x'.repeat(70_000) } } }, /larger than 64 KB/],
    ['not an object', /not a JSON object/],
  ];
  let deep: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 50; i++) deep = { type: 'object', properties: { n: deep } };
  refused.push([deep, /nested more than 40 levels/]);
  for (const [input, reason] of refused) {
    const r = toWireSchema(input);
    assert.ok(!r.ok, JSON.stringify(input).slice(0, 80));
    if (!r.ok) assert.match(r.reason, reason);
  }
  // as sent unchanged, the API rejects them: the refusals are not overcautious
  assert.ok(openaiRejects({ type: 'object', oneOf: [] }));
  assert.ok(openaiRejects({ type: 'array', items: {} }));
});

test('tool names fit ^[a-zA-Z0-9_-]{1,64}$, stay unique and are stable', () => {
  const namer = new ToolNamer(['read_file', 'mcp__a__b']);
  assert.equal(namer.name('github', 'create_issue'), 'mcp__github__create_issue');
  assert.equal(namer.name('my server', 'get.value'), 'mcp__my_server__get_value');
  const dup = namer.name('my.server', 'get value');
  assert.notEqual(dup, 'mcp__my_server__get_value', 'two names that clean the same differ');
  assert.ok(isValidToolName(dup));
  const reserved = namer.name('a', 'b');
  assert.notEqual(reserved, 'mcp__a__b');
  const long = namer.name('server', 'x'.repeat(100));
  assert.equal(long.length, 64);
  assert.ok(isValidToolName(long) && long.startsWith('mcp__server__xxx'));
  assert.equal(new ToolNamer(['read_file', 'mcp__a__b']).name('server', 'x'.repeat(100)), long, 'the same in the next session');
  assert.notEqual(namer.name('server', `${'x'.repeat(99)}y`), long);
  assert.ok(isValidToolName(namer.name('ünïcode', 'tööl')));
});

test('results: text, images, resource links, embedded resources and structured content', () => {
  const r = renderCallResult({
    content: [
      { type: 'text', text: 'Here it is:' },
      { type: 'image', data: 'A'.repeat(1368), mimeType: 'image/png' },
      { type: 'resource_link', uri: 'file:///a.txt', name: 'A file', mimeType: 'text/plain', description: 'first' },
      { type: 'resource', resource: { uri: 'mem://n', text: 'embedded text' } },
      { type: 'resource', resource: { uri: 'mem://b', blob: 'AAAA', mimeType: 'application/zip' } },
    ],
    structuredContent: { temperature: 36 },
  });
  assert.equal(r.success, true);
  assert.equal(
    r.output,
    [
      'Here it is:',
      '[image image/png, 1.0 KB: not shown (tool outputs carry text only)]',
      '[resource link] A file <file:///a.txt> (text/plain): first',
      '[resource] <mem://n>\nembedded text',
      '[resource] <mem://b> (application/zip): binary, 3 bytes, not shown',
      'Structured content:\n{"temperature":36}',
    ].join('\n'),
  );
  // images the tool stored are named and sent as images; the others say why not
  const two = { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }, { type: 'text', text: 'and' }, { type: 'image', data: 'AAAA', mimeType: 'image/svg+xml' }] };
  assert.deepEqual(imageBlocks(two), [{ data: 'AAAA', mimeType: 'image/png' }, { data: 'AAAA', mimeType: 'image/svg+xml' }]);
  assert.equal(
    renderCallResult(two, [{ type: 'image', hash: 'h', mime: 'image/png', width: 1, height: 2 }, { notShown: 'not a PNG, JPEG, GIF or WebP image' }]).output,
    '[image image/png, 1×2: attached after the tool outputs]\nand\n[image image/svg+xml, 3 bytes: not shown (not a PNG, JPEG, GIF or WebP image)]',
  );
  // structured content echoed in a text block is not repeated
  assert.equal(renderCallResult({ content: [{ type: 'text', text: '{"t": 1}' }], structuredContent: { t: 1 } }).output, '{"t": 1}');
  assert.equal(renderCallResult({ content: [{ type: 'text', text: 'file text' }], structuredContent: { content: 'file text' } }).output, 'file text');
  assert.match(renderCallResult({ content: [{ type: 'text', text: 'Found 3' }], structuredContent: { ids: [1, 2, 3] } }).output, /Structured content:\n\{"ids":\[1,2,3\]\}/);
  assert.deepEqual(renderCallResult({ content: [], isError: true }), { output: 'The tool failed without saying why.', success: false });
  assert.equal(renderCallResult({ content: [{ type: 'text', text: 'bad input' }], isError: true }).success, false);
  assert.equal(renderCallResult({ toolResult: { ok: 1 } }).output, '{"ok":1}');
  const big = renderCallResult({ content: [{ type: 'text', text: 'z'.repeat(MAX_MCP_OUTPUT_BYTES * 3) }] });
  assert.ok(Buffer.byteLength(big.output) < MAX_MCP_OUTPUT_BYTES + 100);
  assert.match(big.output, /bytes omitted/);
});
