// Images in user messages: attached workspace image files (`@shot.png`) become image
// attachments (stored in the session's image store, downscaled if needed), every image
// attachment becomes an ImageRef on the history entry, and a request gets the `data:`
// URLs of the images its history refers to.
import type { Attachment, ImageAttachment, ImageRef } from '../types/items';
import type { FileView } from '../workspace/types';
import type { HistoryEntry } from '../model/types';
import type { SessionImages } from '../images/store';
import { sniffImage } from '../images/prepare';
import { imageHashes } from '../model/imageParts';

export class ImagesOffError extends Error {
  constructor(model: string) {
    super(`Image input is switched off for the model ${model}: remove the image, or switch image input on for this model.`);
    this.name = 'ImagesOffError';
  }
}

/**
 * The attachments as the turn records them: image files read through `view` and stored
 * as images. Throws ImagesOffError when the message has images and they are off.
 */
export async function resolveImages(attachments: Attachment[] | undefined, view: FileView, images: SessionImages | undefined, allowed: { on: boolean; model: string }): Promise<Attachment[] | undefined> {
  if (!attachments?.length) return attachments;
  const out: Attachment[] = [];
  for (const a of attachments) {
    if (a.type === 'file' && !a.range && images) {
      const bytes = await view.readFile(a.path).catch(() => undefined);
      if (bytes && sniffImage(bytes)) {
        out.push(await images.add(bytes, a.path));
        continue;
      }
    }
    out.push(a);
  }
  if (!allowed.on && out.some((a) => a.type === 'image')) throw new ImagesOffError(allowed.model);
  return out;
}

export function imageRefs(attachments: readonly Attachment[] | undefined): ImageRef[] {
  return (attachments ?? []).filter((a): a is ImageAttachment => a.type === 'image').map(({ hash, mime, width, height }) => ({ hash, mime, width, height }));
}

/** A user history entry with its images by reference. */
export function userEntry(content: string, attachments: readonly Attachment[] | undefined): HistoryEntry {
  const images = imageRefs(attachments);
  return { type: 'message', role: 'user', content, ...(images.length ? { images } : {}) };
}

/** `data:` URLs of every image `entries` refer to (a missing file is left out: the wire sends a note). */
export async function requestImages(entries: readonly HistoryEntry[], images: SessionImages | undefined): Promise<Map<string, string> | undefined> {
  const hashes = imageHashes(entries);
  if (hashes.size === 0 || !images) return undefined;
  const out = new Map<string, string>();
  for (const e of entries) {
    if (e.type !== 'message') continue;
    for (const ref of e.images ?? []) {
      if (out.has(ref.hash)) continue;
      const url = await images.dataUrl(ref).catch(() => undefined);
      if (url) out.set(ref.hash, url);
    }
  }
  return out;
}
