// Images through the agent: a workspace image file attached with `@` becomes an image
// (stored, referenced, its data URL in the request), view_image shows one after the
// tool outputs, and a model set to take no images gets neither.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAgent } from '../../../../src/core/agent/createAgent';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { denyAll } from '../../../../src/core/approvals/types';
import { sha256Hex } from '../../../../src/core/util/hash';
import { makeImage } from '../../../fakes/images';
import { ScriptedClient, callsReply, tempDir, textReply } from './helpers';

const shell = { sandboxed: false, run: async () => { throw new Error('no commands here'); } };

async function setup(steps: ConstructorParameters<typeof ScriptedClient>[0], images?: boolean) {
  const root = tempDir('tandem-ws-');
  mkdirSync(path.join(root, '.git'));
  const png = await makeImage('image/png', 20, 10);
  writeFileSync(path.join(root, 'shot.png'), png);
  const client = new ScriptedClient(steps);
  const agent = await createAgent({ model: { model: 'm', images }, workspace: await createNodeWorkspace(root), storageDir: tempDir('tandem-store-'), approvals: denyAll, shell, modelClient: client, globalInstructionsDir: tempDir('g-') });
  return { agent, client, png };
}

test('an attached workspace image file is sent as an image and shown as one', async () => {
  const { agent, client, png } = await setup([textReply('A small gradient.')]);
  const result = await agent.run('What is in it?', { attachments: [{ type: 'file', path: 'shot.png' }] });
  assert.equal(result.status, 'completed');
  const hash = sha256Hex(png);
  const [entry] = client.requests[0].input;
  assert.deepEqual(entry.type === 'message' && entry.images, [{ hash, mime: 'image/png', width: 20, height: 10 }]);
  assert.match(entry.type === 'message' ? entry.content : '', /Image shot\.png \(20×10\): attached below\./);
  assert.equal(client.requests[0].images?.get(hash), `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
  const user = result.items.find((i) => i.type === 'user_message');
  assert.deepEqual(user?.type === 'user_message' && user.attachments, [{ type: 'image', hash, mime: 'image/png', width: 20, height: 10, name: 'shot.png' }]);
});

test('view_image: the image follows the tool outputs and is on the tool item', async () => {
  const { agent, client, png } = await setup([callsReply([{ name: 'view_image', args: { path: 'shot.png' } }]), textReply('Seen.')]);
  const result = await agent.run('Look at shot.png');
  const input = client.requests[1].input;
  assert.equal(input.at(-2)?.type, 'function_call_output');
  const last = input.at(-1)!;
  assert.ok(last.type === 'message' && last.role === 'user' && last.content.startsWith('[Image]'));
  assert.deepEqual(last.type === 'message' && last.images?.map((i) => i.hash), [sha256Hex(png)]);
  const item = result.items.find((i) => i.type === 'tool_call' && i.name === 'view_image');
  assert.equal(item?.type === 'tool_call' && item.images?.[0].hash, sha256Hex(png));
});

test('a model set to take no images is not offered view_image and refuses image attachments clearly', async () => {
  const { agent, client } = await setup([], false);
  const result = await agent.run('What is in it?', { attachments: [{ type: 'file', path: 'shot.png' }] });
  assert.equal(result.status, 'failed');
  assert.match(result.error ?? '', /Image input is switched off for the model m/);
  assert.equal(client.requests.length, 0);
  const off = await setup([textReply('ok')], false);
  await off.agent.run('hi');
  assert.ok(!off.client.requests[0].tools.some((t) => t.name === 'view_image'));
});
