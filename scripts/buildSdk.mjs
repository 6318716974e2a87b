// Builds the SDK: the core's public entry (src/core/index.ts, the same one the CLI and
// the extension host use) as a package a plain Node script imports without tsx:
//   dist/sdk/index.mjs   ESM bundle (`import { createAgent } from 'tandem/sdk'`)
//   dist/sdk/index.cjs   CommonJS bundle (`require('tandem/sdk')`)
//   dist/sdk/index.d.ts  the types, one file (dts-bundle-generator over the TypeScript
//                        compiler, so they are exactly what src/core/index.ts exports),
//                        and the same as index.d.mts for the ESM entry
//   dist/sdk/*.wasm      the shell parser's grammar, found next to the bundle
// Dependencies are bundled: the package needs nothing at run time but these files.
// Also builds dist/cli.js for the package's `tandem` command. Run by `npm pack` (prepack);
// the VSIX never includes dist/sdk (.vscodeignore). `--out DIR` writes DIR/dist instead
// of the repository's dist (the package test packs a copy, leaving dist/ alone).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const outArg = process.argv.indexOf('--out');
const pkgRoot = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : root;
const out = path.join(pkgRoot, 'dist', 'sdk');
mkdirSync(out, { recursive: true });
const entry = path.join(root, 'src', 'core', 'index.ts');

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, legalComments: 'none', logLevel: 'warning' };

// Bundled CommonJS dependencies call require() and read __dirname; in an ES module those
// come from import.meta.url.
const esmShim = [
  "import { createRequire as __tandemCreateRequire } from 'node:module';",
  "import { fileURLToPath as __tandemFileURLToPath } from 'node:url';",
  "import { dirname as __tandemDirname } from 'node:path';",
  'const require = __tandemCreateRequire(import.meta.url);',
  'const __filename = __tandemFileURLToPath(import.meta.url);',
  'const __dirname = __tandemDirname(__filename);',
].join('\n');

const started = Date.now();
await Promise.all([
  esbuild.build({ ...common, entryPoints: [entry], outfile: path.join(out, 'index.mjs'), format: 'esm', banner: { js: esmShim } }),
  esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile: path.join(out, 'index.cjs'),
    format: 'cjs',
    // web-tree-sitter's ESM build reads import.meta.url (see scripts/build.mjs)
    define: { 'import.meta.url': '__tandem_import_meta_url' },
    banner: { js: "var __tandem_import_meta_url = require('url').pathToFileURL(__filename).href;" },
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outfile: path.join(pkgRoot, 'dist', 'cli.js'),
    format: 'cjs',
    define: { 'import.meta.url': '__tandem_import_meta_url' },
    banner: { js: "var __tandem_import_meta_url = require('url').pathToFileURL(__filename).href;" },
  }),
]);
for (const spec of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) {
  const file = require.resolve(spec);
  copyFileSync(file, path.join(out, path.basename(spec)));
  copyFileSync(file, path.join(pkgRoot, 'dist', path.basename(spec)));
}

const [dts] = generateDtsBundle([{ filePath: entry, output: { noBanner: true, exportReferencedTypes: false } }], {
  preferredConfigPath: path.join(root, 'tsconfig.sdk.json'),
});
// Node's types (NodeJS.ProcessEnv, Buffer...) appear in the API: a TypeScript user has @types/node
const types = `// Types of the Tandem SDK (generated from src/core/index.ts by scripts/buildSdk.mjs). See docs/SDK.md.\n/// <reference types="node" />\n${dts}`;
// the same declarations for both entries: .d.mts is what TypeScript reads for `import`
writeFileSync(path.join(out, 'index.d.ts'), types);
writeFileSync(path.join(out, 'index.d.mts'), types);
console.log(`sdk: dist/sdk/index.mjs, index.cjs, index.d.ts in ${Date.now() - started} ms`);
