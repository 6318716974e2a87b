// Images through the REAL CLI against the fake model server (which decodes the image
// parts it receives and logs them as ImageRefs): `--image` on both wire formats, a large
// image downscaled, the images resent after resume, a server that refuses images, and
// view_image of a PNG a sandboxed command wrote (skipped without the sandbox).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { detectSandbox, type ImageRef } from '../../src/core/index';
import type { RecordedRequest } from '../fakes/fakeModelServer';
import { makeImage } from '../fakes/images';
import { fakeModelServers, makeRepo, modelFlags, runCli, sessionIdOf, tempDir } from './harness';

const server = fakeModelServers();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let noSandbox: string | false = false;
before(async () => {
  const s = await detectSandbox();
  if (!s.available) noSandbox = `the sandbox is not available: ${s.reason}`;
});

/** Images of the request's user messages, in order. */
const imagesOf = (r: RecordedRequest): ImageRef[] => r.input.flatMap((e) => (e.type === 'message' && e.role === 'user' ? (e.images ?? []) : []));

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: --image reaches the model as image content, a large one downscaled; resume sends them again`, async () => {
    const s = await server();
    const dir = tempDir('tandem-img-');
    const small = await makeImage('image/jpeg', 120, 90);
    const big = await makeImage('image/png', 2600, 130); // wider than the 2048 px limit
    writeFileSync(path.join(dir, 'small.jpg'), small);
    writeFileSync(path.join(dir, 'big.png'), big);
    const env = { TANDEM_HOME: tempDir('tandem-img-home-') };
    s.enqueue({ text: 'A gradient and a photo.' });
    const r = await runCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, wire), '--image', path.join(dir, 'small.jpg'), '--image', path.join(dir, 'big.png'), 'What do these show?'], env);
    assert.equal(r.code, 0, r.stderr);
    const [req] = s.modelRequests();
    if (wire === 'responses') assert.deepEqual(req.body.input[0].content.map((p: { type: string }) => p.type), ['input_text', 'input_image', 'input_image']);
    else assert.deepEqual(req.body.messages[1].content.map((p: { type: string }) => p.type), ['text', 'image_url', 'image_url']);
    const [first, second] = imagesOf(req);
    assert.deepEqual(first, { hash: sha(small), mime: 'image/jpeg', width: 120, height: 90 }, 'within the limits: byte for byte');
    assert.deepEqual([second.mime, second.width, second.height], ['image/png', 2048, 102]);
    // stored once in the session, by the hash of what was sent
    const id = sessionIdOf(r.stderr);
    const stored = path.join(env.TANDEM_HOME, 'sessions', id, 'images', second.hash);
    assert.ok(existsSync(stored));
    assert.equal(sha(readFileSync(stored)), second.hash);
    // no base64 in the session log: images travel by reference
    const log = readFileSync(path.join(env.TANDEM_HOME, 'sessions', `${id}.jsonl`), 'utf8');
    assert.doesNotMatch(log, /base64/);
    assert.match(log, new RegExp(second.hash));

    s.enqueue({ text: 'Still the same two.' });
    const again = await runCli(['resume', id, ...modelFlags(s.baseUrl, wire), 'And now?'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(imagesOf(s.modelRequests()[1]), [first, second]);
  });
}

test('a server that refuses images gives a clear error naming the cause', async () => {
  const s = await server();
  const dir = tempDir('tandem-img-');
  writeFileSync(path.join(dir, 'shot.png'), await makeImage('image/png', 40, 30));
  s.enqueue({ status: 400, message: 'Invalid content type. image_url is only supported by certain models.' });
  const r = await runCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), '--image', path.join(dir, 'shot.png'), 'Look'], { TANDEM_HOME: tempDir('tandem-img-home-') });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tandem: The model fake-model did not accept the image input \(.*image_url is only supported by certain models\)\. Remove the image, or switch image input off for this model\./);
});

test('--image of a file that is not an image fails with a clear line', async () => {
  const s = await server();
  const dir = tempDir('tandem-img-');
  writeFileSync(path.join(dir, 'notes.txt'), 'hello');
  const r = await runCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), '--image', path.join(dir, 'notes.txt'), 'Look'], { TANDEM_HOME: tempDir('tandem-img-home-') });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tandem: --image .*notes\.txt: This is not a PNG, JPEG, GIF or WebP image\./);
  assert.equal(s.modelRequests().length, 0);
});

test('view_image of a PNG a sandboxed command wrote reaches the next request as an image', async (t) => {
  if (noSandbox) return t.skip(noSandbox);
  const s = await server();
  const png = await makeImage('image/png', 64, 32);
  const b64 = Buffer.from(png).toString('base64');
  s.enqueue(
    { toolCalls: [{ name: 'shell', arguments: JSON.stringify({ command: `mkdir -p shots && echo ${b64} | base64 -d > shots/page.png` }) }] },
    { toolCalls: [{ name: 'view_image', arguments: JSON.stringify({ path: 'shots/page.png' }) }] },
    { text: 'The page renders.' },
  );
  const repo = makeRepo({ 'index.html': '<h1>hi</h1>\n' });
  const r = await runCli(['exec', '--cwd', repo, ...modelFlags(s.baseUrl, 'responses'), 'Screenshot the page and check it'], { TANDEM_HOME: tempDir('tandem-img-home-') });
  assert.equal(r.code, 0, r.stderr);
  const reqs = s.modelRequests();
  assert.equal(reqs.length, 3);
  const output = reqs[2].input.find((e) => e.type === 'function_call_output' && /Attached shots\/page\.png/.test(e.output));
  assert.ok(output, 'the tool said it attached the image');
  assert.deepEqual(imagesOf(reqs[2]), [{ hash: sha(png), mime: 'image/png', width: 64, height: 32 }]);
  assert.equal(existsSync(path.join(repo, 'shots/page.png')), false, 'the screenshot stays staged');
});
