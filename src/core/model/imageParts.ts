// Image input on the two wire APIs: a user message with images becomes a content array,
// its text first, then each image as a `data:` URL (Responses `input_image`, Chat
// Completions `image_url`). History entries carry only ImageRefs; the request's `images`
// map holds the bytes. An image that is no longer stored becomes a short text note, so
// an old session still resumes.
import type { ResponseInputMessageContentList } from 'openai/resources/responses/responses';
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions/completions';
import type { ImageRef } from '../types/items';

type Images = ReadonlyMap<string, string> | undefined;

const missing = (ref: ImageRef) => `[an image (${ref.width}×${ref.height}) that is no longer available]`;

export function responsesUserContent(text: string, refs: ImageRef[], images: Images): ResponseInputMessageContentList {
  const parts: ResponseInputMessageContentList = [{ type: 'input_text', text }];
  for (const ref of refs) {
    const url = images?.get(ref.hash);
    parts.push(url ? { type: 'input_image', image_url: url, detail: 'auto' } : { type: 'input_text', text: missing(ref) });
  }
  return parts;
}

export function chatUserContent(text: string, refs: ImageRef[], images: Images): ChatCompletionContentPart[] {
  const parts: ChatCompletionContentPart[] = [{ type: 'text', text }];
  for (const ref of refs) {
    const url = images?.get(ref.hash);
    parts.push(url ? { type: 'image_url', image_url: { url } } : { type: 'text', text: missing(ref) });
  }
  return parts;
}

/** The hashes of every image the entries refer to. */
export function imageHashes(entries: readonly { type: string; images?: ImageRef[] }[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) for (const r of e.images ?? []) out.add(r.hash);
  return out;
}
