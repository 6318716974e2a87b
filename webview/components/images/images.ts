// Images in the webview: pasted or dropped files read as base64 for image/add, image
// files recognised by name for `@` attachments, and stored images fetched once per view
// (image/read) for thumbnails in the composer and the chat.
import { useEffect, useState } from 'react';
import type { ImageAttachment } from '../../../src/protocol';
import { useDeps } from '../../context';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export function isImagePath(path: string): boolean {
  return /\.(png|jpe?g|gif|webp)$/i.test(path);
}

/** The image files among pasted or dropped data. */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((f) => IMAGE_TYPES.includes(f.type));
}

export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Data URLs already known (from image/add, or fetched), by hash. */
const urls = new Map<string, string>();

export function rememberImage(hash: string, url: string): void {
  urls.set(hash, url);
}

/** The data URL of a stored image, fetched once. */
export function useImageUrl(image: ImageAttachment): string | undefined {
  const { rpc } = useDeps();
  const [url, setUrl] = useState(() => urls.get(image.hash));
  useEffect(() => {
    if (url) return;
    let live = true;
    rpc.request('image/read', { hash: image.hash, mime: image.mime }).then(
      (r) => {
        urls.set(image.hash, r.url);
        if (live) setUrl(r.url);
      },
      () => undefined, // a missing image shows its label only
    );
    return () => {
      live = false;
    };
  }, [rpc, image.hash, image.mime, url]);
  return url;
}
