// Bundles the three programs Tandem ships: the extension host (CommonJS, Node, `vscode`
// external), the headless CLI (CommonJS, Node) and the webview (browser IIFE). The
// tree-sitter wasm files the shell parser loads at run time are copied next to them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { hostCoreClosure, lazyCoreExternal, sharedCore, sharedEntry } from './lazyCorePlugin.mjs';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

// web-tree-sitter's ESM build (esbuild picks it for `import`) calls createRequire(import.meta.url)
// under Node; in a CommonJS bundle import.meta is empty, so the shell parser failed to load in
// dist/cli.js and dist/extension.js. Give Node bundles the bundle file's own URL.
const nodeImportMeta = {
  define: { 'import.meta.url': '__tandem_import_meta_url' },
  banner: { js: "var __tandem_import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

// The host is three bundles so activation compiles only the host (see lazyCorePlugin.mjs).
const hasHost = existsSync(path.join(root, 'src/host/extension.ts'));
const nodeCjs = { ...common, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], ...nodeImportMeta };
const hostEntry = { ...nodeCjs, entryPoints: [path.join(root, 'src/host/extension.ts')], outfile: path.join(dist, 'extension.js') };
const shared = hasHost ? await hostCoreClosure(root, hostEntry) : [];

const targets = [
  // import() becomes a lazy require(), so core.js loads through the same CommonJS cache.
  hasHost && { ...hostEntry, supported: { 'dynamic-import': false }, plugins: [lazyCoreExternal(root), sharedCore(root, shared)] },
  hasHost && { ...nodeCjs, entryPoints: [path.join(root, 'src/core/index.ts')], outfile: path.join(dist, 'core.js'), plugins: [sharedCore(root, shared)] },
  hasHost && { ...nodeCjs, stdin: sharedEntry(root, shared), outfile: path.join(dist, 'core-shared.js') },
  // no shared state with the host (schemas and checks only), so no core-shared plugin
  hasHost && { ...nodeCjs, entryPoints: [path.join(root, 'src/host/rpc/validate.ts')], outfile: path.join(dist, 'validate.js') },
  existsSync(path.join(root, 'src/cli/main.ts')) && {
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(dist, 'cli.js'),
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    ...nodeImportMeta,
  },
  existsSync(path.join(root, 'webview/main.tsx')) && {
    ...common,
    entryPoints: [path.join(root, 'webview/main.tsx')],
    outfile: path.join(dist, 'webview.js'),
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  },
].filter(Boolean);

// The codicon font and its stylesheet, served to the webview from the extension's own
// files (the CSP allows styles and fonts from there only; nothing is fetched remotely).
function copyCodicons() {
  const media = path.join(dist, 'media');
  mkdirSync(media, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(require.resolve(`@vscode/codicons/dist/${file}`), path.join(media, file));
}

function copyWasm() {
  // the shell parser's grammar, and the WebP decoder used to downscale large images
  for (const spec of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm', '@jsquash/webp/codec/dec/webp_dec.wasm']) {
    try {
      copyFileSync(require.resolve(spec), path.join(dist, path.basename(spec)));
    } catch {
      // the shell parser reports a clear error at run time if its grammar is missing
    }
  }
}

copyWasm();
copyCodicons();
if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context(t);
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
