// A folder of content-addressed blobs, `<dir>/<sha256>`: each content is stored once and
// named by its hash, so records refer to contents by hash instead of carrying them
// (staging checkpoints and the apply journal: `staging/objects`; a session's images).
// Blobs are immutable; writes are atomic (write, then rename), so a crash never leaves a
// torn blob under its hash.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from './hash';

export type ObjectId = string;

const HASH = /^[0-9a-f]{64}$/;

export class ContentStore {
  /** Hashes already known to be on disk. */
  private readonly present = new Set<ObjectId>();
  /** Hash of a file by its absolute path, valid while its size and mtime are unchanged. */
  private readonly fileHashes = new Map<string, { size: number; mtimeMs: number; hash: ObjectId }>();

  constructor(readonly dir: string) {}

  /** Stores content (once) and returns its hash. */
  async put(content: Uint8Array): Promise<ObjectId> {
    const hash = sha256Hex(content);
    if (this.present.has(hash)) return hash;
    const target = path.join(this.dir, hash);
    try {
      await fs.access(target);
    } catch {
      await fs.mkdir(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.tmp-${randomUUID()}`);
      await fs.writeFile(tmp, content);
      await fs.rename(tmp, target);
    }
    this.present.add(hash);
    return hash;
  }

  /**
   * Stores the file at `abs` and returns its hash; a file whose size and mtime did not
   * change since the last call is not read again (the staging layer is rewritten only
   * through the staging area, which replaces files rather than editing them in place).
   */
  async putFile(abs: string): Promise<ObjectId> {
    const st = await fs.stat(abs);
    const known = this.fileHashes.get(abs);
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs && this.present.has(known.hash)) return known.hash;
    const hash = await this.put(new Uint8Array(await fs.readFile(abs)));
    this.fileHashes.set(abs, { size: st.size, mtimeMs: st.mtimeMs, hash });
    return hash;
  }

  /** The content stored under `hash`; `missing` is the error message when there is none. */
  async read(hash: ObjectId, missing = `A stored content is missing (${hash.slice(0, 12)}).`): Promise<Uint8Array> {
    if (!HASH.test(hash)) throw new Error(`Not a content id: "${hash}".`);
    try {
      return new Uint8Array(await fs.readFile(path.join(this.dir, hash)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(missing);
      throw err;
    }
  }
}
