// Content-addressed blobs of a staging area: `dir/objects/<sha256>`. Checkpoints and the
// apply journal refer to file contents by hash, so a turn's checkpoint costs one small
// JSON file plus the contents that changed since the last one (identical contents are
// stored once). Objects are immutable; they live as long as the session.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export type ObjectId = string;

export function hashOf(content: Uint8Array): ObjectId {
  return createHash('sha256').update(content).digest('hex');
}

export class ObjectStore {
  private readonly dir: string;
  /** Hashes already known to be on disk. */
  private readonly present = new Set<ObjectId>();
  /** Hash of a file by its absolute path, valid while its size and mtime are unchanged. */
  private readonly fileHashes = new Map<string, { size: number; mtimeMs: number; hash: ObjectId }>();

  constructor(stagingDir: string) {
    this.dir = path.join(stagingDir, 'objects');
  }

  /** Stores content (once) and returns its hash. */
  async put(content: Uint8Array): Promise<ObjectId> {
    const hash = hashOf(content);
    if (this.present.has(hash)) return hash;
    const target = path.join(this.dir, hash);
    try {
      await fs.access(target);
    } catch {
      await fs.mkdir(this.dir, { recursive: true });
      // write-then-rename: a crash never leaves a torn object under its hash
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

  async read(hash: ObjectId): Promise<Uint8Array> {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`Not an object id: ${hash}`);
    try {
      return new Uint8Array(await fs.readFile(path.join(this.dir, hash)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`A stored version of a file is missing from the staging area (${hash.slice(0, 12)}).`);
      throw err;
    }
  }
}
