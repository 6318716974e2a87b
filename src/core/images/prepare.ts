// Makes image bytes sendable: recognises PNG, JPEG, GIF and WebP by content (never by
// file name), and downscales an image over the limits to one the APIs accept. Within
// the limits the bytes are sent as they are (no re-encoding, no quality loss).
//
// Limits: the long side at most 2048 px (OpenAI scales larger images down anyway, and
// local vision servers choke on them) and at most 4 MiB of bytes (under the 5 MB most
// hosted APIs allow per image, before base64). A downscaled image is a PNG (a JPEG if
// it was one, or if the PNG is still too large).
import { imageSize } from 'image-size';
import type { ImageMime } from '../types/items';
import { decodeImage, encodeImage } from './codec';

export const IMAGE_LIMITS = { maxDimension: 2048, maxBytes: 4 * 1024 * 1024 };
export type ImageLimits = typeof IMAGE_LIMITS;

export interface PreparedImage {
  bytes: Uint8Array;
  mime: ImageMime;
  width: number;
  height: number;
  /** It was decoded and made smaller. */
  resized: boolean;
}

export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

const MIME_OF: Record<string, ImageMime> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Type and size from the image's header, or undefined when it is not a supported image. */
export function sniffImage(bytes: Uint8Array): { mime: ImageMime; width: number; height: number } | undefined {
  try {
    const info = imageSize(bytes);
    const mime = info.type ? MIME_OF[info.type] : undefined;
    if (!mime || !info.width || !info.height) return undefined;
    return { mime, width: info.width, height: info.height };
  } catch {
    return undefined;
  }
}

/** Fits width x height within `max` on the long side, keeping the aspect ratio. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function prepareImage(bytes: Uint8Array, limits: ImageLimits = IMAGE_LIMITS): Promise<PreparedImage> {
  const info = sniffImage(bytes);
  if (!info) throw new ImageError('This is not a PNG, JPEG, GIF or WebP image.');
  if (Math.max(info.width, info.height) <= limits.maxDimension && bytes.length <= limits.maxBytes) {
    return { bytes, ...info, resized: false };
  }
  const bitmap = await decodeImage(bytes, info.mime);
  let size = fitWithin(bitmap.width, bitmap.height, limits.maxDimension);
  let mime: 'image/png' | 'image/jpeg' = info.mime === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  for (let attempt = 0; attempt < 8; attempt++) {
    const out = await encodeImage(bitmap, size.width, size.height, mime);
    if (out.length <= limits.maxBytes) return { bytes: out, mime, width: size.width, height: size.height, resized: true };
    // too many bytes: a photo-like PNG compresses far better as JPEG; then go smaller
    if (mime === 'image/png') mime = 'image/jpeg';
    else size = fitWithin(size.width, size.height, Math.floor(Math.max(size.width, size.height) * 0.7));
  }
  throw new ImageError(`The image is too large to send even after downscaling (${bitmap.width}×${bitmap.height}).`);
}
