// node:fs helpers shared by the workspace and the staging store.
import { promises as fs } from 'node:fs';

/** A missing file, or a missing or non-directory parent on its path. */
export function isNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The bytes of a file, or undefined when there is none (a directory is not a file). */
export async function readFileOrUndefined(abs: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await fs.readFile(abs));
  } catch (err) {
    if (isNotFound(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw err;
  }
}
