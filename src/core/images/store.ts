// A session's images: `<storageDir>/sessions/<id>/images/<sha256>`, the bytes as sent to
// the model (after prepareImage). Stored once by content hash, so items, history entries
// and log lines carry only an ImageRef; they survive reload and resume with the session
// and are deleted with it.
import type { ImageAttachment, ImageRef } from '../types/items';
import { ContentStore } from '../util/contentStore';
import { prepareImage, type ImageLimits } from './prepare';

const URL_CACHE = 16;

export class SessionImages {
  private readonly store: ContentStore;
  /** Recently encoded data URLs (every request resends the history's images). */
  private readonly urls = new Map<string, string>();

  constructor(readonly dir: string) {
    this.store = new ContentStore(dir);
  }

  /** Prepares (downscales if needed) and stores an image; throws ImageError for non-images. */
  async add(bytes: Uint8Array, name?: string, limits?: ImageLimits): Promise<ImageAttachment> {
    const img = await prepareImage(bytes, limits);
    const hash = await this.store.put(img.bytes);
    return { type: 'image', hash, mime: img.mime, width: img.width, height: img.height, ...(name ? { name } : {}) };
  }

  read(hash: string): Promise<Uint8Array> {
    return this.store.read(hash, 'This image is no longer stored with the session.');
  }

  /** `data:<mime>;base64,...` for the wire and the webview. */
  async dataUrl(ref: ImageRef): Promise<string> {
    const key = `${ref.mime}:${ref.hash}`;
    const hit = this.urls.get(key);
    if (hit !== undefined) {
      this.urls.delete(key); // most recently used last
      this.urls.set(key, hit);
      return hit;
    }
    const url = `data:${ref.mime};base64,${Buffer.from(await this.read(ref.hash)).toString('base64')}`;
    this.urls.set(key, url);
    if (this.urls.size > URL_CACHE) this.urls.delete(this.urls.keys().next().value!);
    return url;
  }
}
