// The host bundle is split so activation does not compile the core (agent, tools, the
// `openai` SDK, typebox, tree-sitter, diff libraries):
//   dist/extension.js   the host; src/host/coreAccess/lazyCore.ts `import()`s the core on first use
//   dist/core.js        src/core/index.ts, required by extension.js on that first use
//   dist/validate.js    inbound message validation (typebox), src/host/rpc/lazyValidate.ts
//                       requires it when the chat view opens
//   dist/core-shared.js the few src/core modules the host imports statically (error
//                       classes, path and text helpers...), required by both, so a class
//                       such as WorkspaceConflictError has ONE identity for host and core.
import * as esbuild from 'esbuild';
import path from 'node:path';

/** src/core files the host bundle reaches through static imports (its eager closure). */
export async function hostCoreClosure(root, options) {
  const probe = await esbuild.build({
    ...options,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [lazyCoreExternal(root)],
  });
  return Object.keys(probe.metafile.inputs)
    .filter((f) => f.startsWith('src/core/'))
    .map((f) => path.join(root, f))
    .sort();
}

/**
 * `import('../core/index')` in src/host/coreAccess/lazyCore.ts becomes a run-time require('./core.js'),
 * and `import('./validate')` in src/host/rpc/lazyValidate.ts a require('./validate.js')
 * (inbound validation: typebox is over half of the host, needed only once the webview talks).
 */
export function lazyCoreExternal(root) {
  const lazy = path.join(root, 'src/host/coreAccess/lazyCore.ts');
  const lazyValidate = path.join(root, 'src/host/rpc/lazyValidate.ts');
  return {
    name: 'tandem-lazy-core',
    setup(build) {
      build.onResolve({ filter: /\/core\/index$/ }, (args) => (args.importer === lazy ? { path: './core.js', external: true } : undefined));
      build.onResolve({ filter: /^\.\/validate$/ }, (args) => (args.importer === lazyValidate ? { path: './validate.js', external: true } : undefined));
    },
  };
}

const key = (root, file) => path.relative(root, file).replace(/[^\w]/g, '_');

/** Imports of a shared file become `require('./core-shared.js')[key]`. */
export function sharedCore(root, shared) {
  const set = new Set(shared);
  return {
    name: 'tandem-shared-core',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.namespace === 'tandem-shared' || args.pluginData === 'skip') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'skip' });
        if (r.errors.length || !set.has(r.path)) return undefined;
        return { path: key(root, r.path), namespace: 'tandem-shared' };
      });
      build.onResolve({ filter: /^\.\/core-shared\.js$/, namespace: 'tandem-shared' }, () => ({ path: './core-shared.js', external: true }));
      build.onLoad({ filter: /.*/, namespace: 'tandem-shared' }, (args) => ({
        contents: `module.exports = require('./core-shared.js')[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** The entry of dist/core-shared.js: every shared file as a namespace export. */
export function sharedEntry(root, shared) {
  return {
    contents: shared.map((f) => `export * as ${key(root, f)} from ${JSON.stringify(f)};`).join('\n'),
    resolveDir: root,
    sourcefile: 'core-shared.ts',
    loader: 'ts',
  };
}
