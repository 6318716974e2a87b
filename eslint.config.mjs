// Lint enforces the architecture, not just style: the import zones below are the
// layering rules from the design card. A zone names a target folder and the folders
// it must not import from.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// The core's doors: everything outside src/core reaches it through its public entry
// (src/core/index.ts), the light entry the editor host loads at activation
// (src/core/shared.ts), or the apply_patch engine (src/core/patch/index.ts). Paths are
// relative to the zone's `from`.
const CORE_DOORS = ['./index.ts', './shared.ts', './patch/index.ts'];

const zones = [
  // core runs in plain Node: never the editor, the UI, or the adapters above it. The one
  // exception is the protocol's pure item-update function, which has no runtime imports
  // and is shared by core, host and webview so the three cannot drift.
  { target: './src/core', from: ['./src/host', './src/cli', './webview'], message: 'src/core must not depend on host, cli or webview.' },
  { target: './src/core', from: './src/protocol', except: ['./itemUpdate.ts'], message: 'src/core may use only src/protocol/itemUpdate.ts (a pure function).' },
  // protocol is a neutral folder shared by host and webview (core types: see the rule below)
  { target: './src/protocol', from: ['./src/host', './src/cli', './webview'], message: 'src/protocol imports only core types.' },
  { target: './webview', from: ['./src/core', './src/host', './src/cli'], message: 'webview imports src/protocol only.' },
  { target: './src/cli', from: ['./src/host', './webview', './src/protocol'], message: 'src/cli runs over core only.' },
  // one door into the core
  ...['./src/host', './src/cli', './bench', './eval', './examples', './test/e2e', './test/integration'].map((target) => ({
    target,
    from: './src/core',
    except: CORE_DOORS,
    message: 'Import the core through src/core/index.ts (or src/core/shared.ts, src/core/patch/index.ts), not its internals.',
  })),
];

/** Parts of the host that must run without the editor (unit-tested in plain Node). */
const VSCODE_FREE_HOST = ['src/host/session/**', 'src/host/rpc/**', 'src/host/handlers/**', 'src/host/util/**', 'src/host/coreAccess/**', 'src/host/codeReview/*.ts', 'src/host/config/configService.ts', 'src/host/config/settings.ts', 'src/host/config/probe.ts', 'src/host/mcp/windowMcp.ts', 'src/host/mcp/stateMemory.ts', 'src/host/mcp/mcpTreeModel.ts', 'src/host/slash/slashCommands.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'test-results/**', 'bin/**', '.tandem-try/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // Only src/host may import the editor API.
    files: ['src/core/**', 'src/protocol/**', 'src/cli/**', 'webview/**', 'test/unit/core/**', 'test/integration/**', 'bench/**', ...VSCODE_FREE_HOST],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/host may import vscode, and not its session, rpc, handler, config-service or util parts.' }] }] },
  },
  {
    // The protocol may name core types but never load core code (the webview bundles it).
    files: ['src/protocol/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/core/**', '**/core'], allowTypeImports: true, message: 'src/protocol may import core types only (import type).' }] }] },
  },
  {
    // The host loads the agent core lazily (src/host/coreAccess/lazyCore.ts): elsewhere in
    // the host the full entry is for types only, or activation would compile the core.
    files: ['src/host/**'],
    ignores: ['src/host/coreAccess/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '/core(/index)?$', allowTypeImports: true, message: 'The host imports core values from src/core/shared.ts, or lazily through src/host/coreAccess/lazyCore.ts.' }] }] },
  },
  {
    files: ['src/core/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator'] },
  },
  {
    files: ['scripts/**', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
);
