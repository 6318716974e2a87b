// Images made sendable: recognised by content, passed through within the limits,
// downscaled (and re-encoded) over them, for PNG, JPEG, GIF and WebP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageSize } from 'image-size';
import { prepareImage, sniffImage, fitWithin, ImageError } from '../../../../src/core/images/prepare';
import { SessionImages } from '../../../../src/core/images/store';
import { sha256Hex } from '../../../../src/core/util/hash';
import { makeImage, makeWebp } from '../../../fakes/images';

test('sniffing reads type and size from the content', async () => {
  assert.deepEqual(sniffImage(await makeImage('image/png', 30, 20)), { mime: 'image/png', width: 30, height: 20 });
  assert.deepEqual(sniffImage(await makeImage('image/jpeg', 31, 21)), { mime: 'image/jpeg', width: 31, height: 21 });
  assert.deepEqual(sniffImage(await makeImage('image/gif', 12, 10)), { mime: 'image/gif', width: 12, height: 10 });
  assert.deepEqual(sniffImage(await makeWebp(16, 8)), { mime: 'image/webp', width: 16, height: 8 });
  assert.equal(sniffImage(new TextEncoder().encode('just text')), undefined);
  await assert.rejects(prepareImage(new TextEncoder().encode('<svg/>')), (e: unknown) => e instanceof ImageError && /not a PNG, JPEG, GIF or WebP/.test(e.message));
});

test('an image within the limits is sent byte for byte', async () => {
  const bytes = await makeImage('image/png', 64, 48);
  const out = await prepareImage(bytes);
  assert.equal(out.resized, false);
  assert.equal(out.bytes, bytes);
  assert.deepEqual([out.mime, out.width, out.height], ['image/png', 64, 48]);
});

test('a larger image is downscaled to the limit, keeping its aspect ratio', async () => {
  const limits = { maxDimension: 100, maxBytes: 1 << 20 };
  for (const mime of ['image/png', 'image/jpeg', 'image/gif'] as const) {
    const out = await prepareImage(await makeImage(mime, 300, 150), limits);
    assert.equal(out.resized, true, mime);
    assert.deepEqual([out.width, out.height], [100, 50], mime);
    assert.equal(out.mime, mime === 'image/jpeg' ? 'image/jpeg' : 'image/png', mime);
    assert.deepEqual(imageSize(out.bytes), { width: 100, height: 50, type: mime === 'image/jpeg' ? 'jpg' : 'png' });
  }
  const webp = await prepareImage(await makeWebp(240, 120), limits);
  assert.deepEqual([webp.mime, webp.width, webp.height, webp.resized], ['image/png', 100, 50, true]);
});

test('too many bytes: a PNG becomes a JPEG, then smaller', async () => {
  const noisy = await makeImage('image/png', 200, 200, true);
  const out = await prepareImage(noisy, { maxDimension: 2048, maxBytes: 20_000 });
  assert.equal(out.mime, 'image/jpeg');
  assert.ok(out.bytes.length <= 20_000, String(out.bytes.length));
  assert.ok(out.width <= 200 && out.width === out.height);
});

test('fitWithin keeps the ratio and never upsizes', () => {
  assert.deepEqual(fitWithin(4096, 1024, 2048), { width: 2048, height: 512 });
  assert.deepEqual(fitWithin(10, 20, 2048), { width: 10, height: 20 });
});

test('the session store keeps each image once by the hash of what is sent, and serves data URLs', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-images-'));
  const store = new SessionImages(dir);
  const bytes = await makeImage('image/png', 8, 8);
  const a = await store.add(bytes, 'shot.png');
  const b = await store.add(bytes);
  assert.equal(a.hash, sha256Hex(bytes));
  assert.equal(b.hash, a.hash);
  assert.deepEqual(a, { type: 'image', hash: a.hash, mime: 'image/png', width: 8, height: 8, name: 'shot.png' });
  assert.equal(await store.dataUrl(a), `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`);
  await assert.rejects(store.read('0'.repeat(64)), /no longer stored/);
  await assert.rejects(store.read('../x'), /Not a content id/);
});
