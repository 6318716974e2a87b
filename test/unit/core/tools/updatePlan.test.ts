import { test } from 'node:test';
import assert from 'node:assert/strict';
import { updatePlanTool } from '../../../../src/core/tools/updatePlan';
import { createDefaultTools } from '../../../../src/core/tools/defaultTools';
import type { PlanItem } from '../../../../src/core/types/items';
import { memoryContext } from './helpers';

test('emits a plan item', async () => {
  const { ctx } = memoryContext({});
  const r = await updatePlanTool.run(
    { explanation: 'first pass', plan: [{ step: 'read code', status: 'completed' }, { step: 'fix bug', status: 'in_progress' }, { step: 'test', status: 'pending' }] },
    ctx,
  );
  assert.equal(r.output, 'Plan updated (1 of 3 steps completed).');
  const item = ctx.log.completed[0] as PlanItem;
  assert.deepEqual(item, {
    id: 'i1',
    turnId: 't1',
    type: 'plan',
    explanation: 'first pass',
    steps: [{ step: 'read code', status: 'completed' }, { step: 'fix bug', status: 'in_progress' }, { step: 'test', status: 'pending' }],
  });
  assert.equal(ctx.log.started[0].id, 'i1');
});

test('refuses two in_progress steps', async () => {
  const { ctx } = memoryContext({});
  await assert.rejects(updatePlanTool.run({ plan: [{ step: 'a', status: 'in_progress' }, { step: 'b', status: 'in_progress' }] }, ctx), /At most one step may be in_progress; got 2/);
  assert.equal(ctx.log.completed.length, 0);
});

test('createDefaultTools returns every tool once, with object schemas and descriptions', () => {
  const tools = createDefaultTools();
  assert.deepEqual(tools.map((t) => t.name), ['read_file', 'list_dir', 'search', 'apply_patch', 'shell', 'update_plan', 'view_image']);
  for (const t of tools) {
    assert.equal((t.parameters as { type?: string }).type, 'object');
    assert.ok(t.description.length > 20 && t.description.length < 700, t.name);
  }
  assert.deepEqual(tools.filter((t) => t.mutates).map((t) => t.name), ['apply_patch', 'shell']);
});
