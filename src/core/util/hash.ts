// Content hashes (sha256, hex): the ids of stored contents (staging objects, session images).
import { createHash } from 'node:crypto';

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
