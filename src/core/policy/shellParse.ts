// A real bash parse (web-tree-sitter + tree-sitter-bash) for the known-safe decision.
// The wasm files live in node_modules during development and tests, and next to the
// bundle in dist/ (copied by scripts/build.mjs); both places are tried. Verified: the
// installed web-tree-sitter 0.27 loads tree-sitter-bash 0.25's grammar (ABI 15).
//
// Both wasm modules are compiled synchronously (new WebAssembly.Module), not with
// web-tree-sitter's default WebAssembly.instantiate. Measured (Node 20, BENCHMARKS.md
// area 11): after an asynchronous compile of the runtime, the first parse is followed by a
// 600-900 ms stall of the main thread (a futex wait while V8 finishes compiling the
// module in the background), and that stall landed on the first command of every
// session. A synchronous compile costs ~25 ms once and never stalls.
import { promises as fs } from 'node:fs';
import { locateAsset } from '../util/assets';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode };

let loading: Promise<Language> | undefined;

/**
 * The WebAssembly API as used here, typed locally: Node has it, but the SDK's type
 * declarations are built without the DOM library that names it (scripts/buildSdk.mjs).
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

function locate(file: string, pkg: string): string {
  return locateAsset(file, pkg, 'The shell parser');
}

/** Loads the bash grammar once per process (an immutable resource, safe to share). */
function loadBash(): Promise<Language> {
  if (!loading) {
    loading = (async () => {
      const runtime = await fs.readFile(locate('web-tree-sitter.wasm', 'web-tree-sitter'));
      const grammar = await fs.readFile(locate('tree-sitter-bash.wasm', 'tree-sitter-bash'));
      await Parser.init({
        instantiateWasm(imports: object, receive: (instance: object, module: object) => void) {
          const module = new wasm.Module(runtime);
          const instance = new wasm.Instance(module, imports);
          receive(instance, module);
          return instance.exports;
        },
      });
      return Language.loadSync(new wasm.Module(grammar) as Parameters<typeof Language.loadSync>[0]);
    })();
    loading.catch(() => (loading = undefined)); // a failed load is retried on the next call
  }
  return loading;
}

/** A command using the common node types: parsing it once compiles the parser's hot paths. */
const WARM_UP_COMMAND = `cd src && ls -la "$HOME" | grep -v '^d' > out.txt; for f in *.ts; do echo $(wc -l < "$f"); done && git status 2>&1 || true`;

/**
 * Loads the parser and parses one command now, so the first real command pays neither
 * (~40 ms for the load, ~30-60 ms for the first parse: V8 compiles the wasm functions
 * on their first call); callers run it while waiting for the model. Never throws (a
 * failed load is retried on use).
 */
export async function preloadShellParser(): Promise<void> {
  try {
    (await parseBash(WARM_UP_COMMAND)).delete();
  } catch {
    // the command path loads (and reports) on demand
  }
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
