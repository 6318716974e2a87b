// Decoding, resizing and encoding images, for the rare image too large to send as it is.
//
// Library choice (no install-time downloads, nothing native): jimp's modular packages
// (@jimp/core with the pure-JavaScript PNG, JPEG and GIF codecs and the resize plugin)
// decode, scale and encode in plain JavaScript with ordinary exceptions on bad input;
// WebP, which no maintained pure-JS decoder reads, is decoded by @jsquash/webp, whose
// wasm (libwebp, 138 KB) ships inside its npm tarball and is loaded from node_modules or
// dist/ (copied by scripts/build.mjs). sharp was ruled out (it downloads libvips at
// install), wasm-vips and magick-wasm for their size, photon for panicking (an
// unrecoverable wasm trap) on corrupt input.
// Everything is loaded on first use: sessions without large images never pay for it.
import { readFileSync } from 'node:fs';
import type { ImageMime } from '../types/items';
import { locateAsset } from '../util/assets';

export interface Bitmap {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

type JimpFactory = Awaited<ReturnType<typeof loadJimp>>;
let jimp: Promise<JimpFactory> | undefined;

async function loadJimp() {
  const [{ createJimp }, png, jpeg, gif, resize] = await Promise.all([
    import('@jimp/core'),
    import('@jimp/js-png'),
    import('@jimp/js-jpeg'),
    import('@jimp/js-gif'),
    import('@jimp/plugin-resize'),
  ]);
  return createJimp({ formats: [png.default, jpeg.default, gif.default], plugins: [resize.methods] });
}

function Jimp(): Promise<JimpFactory> {
  jimp ??= loadJimp();
  jimp.catch(() => (jimp = undefined));
  return jimp;
}

/**
 * Compiles WebAssembly bytes with Node's global WebAssembly (named through globalThis:
 * the core's type library has no DOM, where TypeScript declares it; see tsconfig.sdk.json).
 */
function wasmModule(bytes: Uint8Array): unknown {
  const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => unknown } };
  return new wasm.Module(bytes);
}

let webpReady: Promise<(data: ArrayBuffer) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>> | undefined;

function webpDecoder() {
  webpReady ??= (async () => {
    const mod = await import('@jsquash/webp/decode.js');
    const wasm = readFileSync(locateAsset('webp_dec.wasm', '@jsquash/webp/codec/dec', 'The WebP decoder'));
    await mod.init(wasmModule(wasm) as Parameters<typeof mod.init>[0]);
    return mod.default;
  })();
  webpReady.catch(() => (webpReady = undefined));
  return webpReady;
}

/** The pixels of an image; throws a clear error for data it cannot read. */
export async function decodeImage(bytes: Uint8Array, mime: ImageMime): Promise<Bitmap> {
  try {
    if (mime === 'image/webp') {
      const decode = await webpDecoder();
      const copy = bytes.slice().buffer; // the decoder wants an ArrayBuffer of its own
      const img = await decode(copy);
      return { width: img.width, height: img.height, data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
    }
    const J = await Jimp();
    const img = await J.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: img.bitmap.width, height: img.bitmap.height, data: new Uint8Array(img.bitmap.data) };
  } catch (err) {
    throw new Error(`The image could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/** `bitmap` scaled to width x height and encoded as PNG or JPEG. */
export async function encodeImage(bitmap: Bitmap, width: number, height: number, mime: 'image/png' | 'image/jpeg'): Promise<Uint8Array> {
  const J = await Jimp();
  const img = J.fromBitmap({ width: bitmap.width, height: bitmap.height, data: Buffer.from(bitmap.data.buffer, bitmap.data.byteOffset, bitmap.data.byteLength) });
  if (width !== bitmap.width || height !== bitmap.height) img.resize({ w: width, h: height });
  const out = mime === 'image/jpeg' ? await img.getBuffer('image/jpeg', { quality: 85 }) : await img.getBuffer('image/png');
  return new Uint8Array(out);
}
