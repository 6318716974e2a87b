// A real bash parse (web-tree-sitter + tree-sitter-bash) for the known-safe decision.
// The wasm files live in node_modules during development and tests, and next to the
// bundle in dist/ (copied by scripts/build.mjs); both places are tried. Verified: the
// installed web-tree-sitter 0.27 loads tree-sitter-bash 0.25's grammar (ABI 15).
import { locateAsset } from '../util/assets';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode };

let loading: Promise<Language> | undefined;

function locate(file: string, pkg: string): string {
  return locateAsset(file, pkg, 'The shell parser');
}

/** Loads the bash grammar once per process (an immutable resource, safe to share). */
function loadBash(): Promise<Language> {
  if (!loading) {
    loading = (async () => {
      const runtime = locate('web-tree-sitter.wasm', 'web-tree-sitter');
      await Parser.init({ locateFile: () => runtime });
      return Language.load(locate('tree-sitter-bash.wasm', 'tree-sitter-bash'));
    })();
    loading.catch(() => (loading = undefined)); // a failed load is retried on the next call
  }
  return loading;
}

/** Parses a command; the caller must `delete()` the tree. */
export async function parseBash(source: string): Promise<Tree> {
  const lang = await loadBash();
  const parser = new Parser();
  try {
    parser.setLanguage(lang);
    const tree = parser.parse(source);
    if (!tree) throw new Error('the shell parser returned no tree');
    return tree;
  } finally {
    parser.delete();
  }
}
