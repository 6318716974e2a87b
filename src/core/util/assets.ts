// Files a bundled module loads at run time (wasm): in node_modules during development
// and tests, next to the bundle in dist/ once built (scripts/build.mjs copies them).
import { existsSync } from 'node:fs';
import path from 'node:path';

function candidates(file: string, pkg: string): string[] {
  const out: string[] = [];
  try {
    out.push(require.resolve(`${pkg}/${file}`));
  } catch {
    // not in node_modules (bundled build)
  }
  if (typeof __dirname === 'string') out.push(path.join(__dirname, file), path.join(__dirname, '..', file));
  out.push(path.join(process.cwd(), 'dist', file), path.join(process.cwd(), 'node_modules', pkg, file));
  return out;
}

/** The path of `file` from package path `pkg` (e.g. 'web-tree-sitter'); throws naming `what` when missing. */
export function locateAsset(file: string, pkg: string, what: string): string {
  const found = candidates(file, pkg).find((p) => existsSync(p));
  if (!found) throw new Error(`${what}'s ${file} is missing (looked in node_modules and dist/).`);
  return found;
}
