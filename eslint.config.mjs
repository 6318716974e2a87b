// Lint enforces the architecture, not just style: the import zones below are the
// layering rules from the design card. A zone names a target folder and the folders
// it must not import from.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const zones = [
  // core runs in plain Node: never the editor, the UI, or the adapters above it
  { target: './src/core', from: ['./src/host', './src/cli', './src/protocol', './webview'], message: 'src/core must not depend on host, cli, protocol or webview.' },
  // protocol is a neutral folder shared by host and webview
  { target: './src/protocol', from: ['./src/core', './src/host', './src/cli', './webview'], message: 'src/protocol imports nothing outside itself.' },
  { target: './webview', from: ['./src/core', './src/host', './src/cli'], message: 'webview imports src/protocol only.' },
  { target: './src/cli', from: ['./src/host', './webview', './src/protocol'], message: 'src/cli runs over core only.' },
];

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
    files: ['src/core/**', 'src/protocol/**', 'src/cli/**', 'webview/**', 'test/unit/core/**', 'test/integration/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/host may import vscode.' }] }] },
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
