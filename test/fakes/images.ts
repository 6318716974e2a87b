// Real image files for tests, encoded by the same libraries the core decodes with:
// PNG, JPEG and GIF through jimp, WebP through @jsquash/webp's encoder (its wasm ships in
// the npm package). Pixels are a deterministic pattern, so sizes do not depend on chance.
import { readFileSync } from 'node:fs';
import { createJimp } from '@jimp/core';
import png from '@jimp/js-png';
import jpeg from '@jimp/js-jpeg';
import gif from '@jimp/js-gif';

const Jimp = createJimp({ formats: [png, jpeg, gif] });

/** A width x height image with a smooth pattern (noise: false) or noisy pixels (noise: true, compresses badly). */
function bitmap(width: number, height: number, noise = false) {
  const data = Buffer.alloc(width * height * 4);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data[i] = noise ? seed & 255 : (x * 255) / width;
      data[i + 1] = noise ? (seed >> 8) & 255 : (y * 255) / height;
      data[i + 2] = noise ? (seed >> 16) & 255 : 128;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

export async function makeImage(mime: 'image/png' | 'image/jpeg' | 'image/gif', width: number, height: number, noise = false): Promise<Uint8Array> {
  const img = Jimp.fromBitmap(bitmap(width, height, noise));
  return new Uint8Array(await img.getBuffer(mime));
}

export async function makeWebp(width: number, height: number): Promise<Uint8Array> {
  const enc = await import('@jsquash/webp/encode.js');
  await enc.init(new WebAssembly.Module(readFileSync(require.resolve('@jsquash/webp/codec/enc/webp_enc.wasm'))));
  const { data } = bitmap(width, height);
  const out = await enc.default({ width, height, data: new Uint8ClampedArray(data), colorSpace: 'srgb' } as ImageData);
  return new Uint8Array(out);
}
