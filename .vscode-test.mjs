// Extension-host tests with @vscode/test-cli, for contributors whose machines can
// download VS Code (`npx vscode-test`). CI on machines without that download runs the
// end-to-end suite in code-server instead (npm run test:e2e).
// Build first: the extension under test is dist/extension.js (`npm run build`).
// The tests are TypeScript, loaded through tsx's CommonJS hook.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'extension-host',
  files: 'test/vscode/**/*.test.ts',
  version: '1.90.0',
  // a throwaway profile: no other extensions, no settings sync, no trust prompt
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 30_000, require: ['tsx/cjs'] },
});
