// Where the e2e harness finds things. Each is overridable by environment so CI and a
// contributor's machine can place caches elsewhere; scripts/e2e.mjs uses the same names.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** code-server install made by scripts/setup-code-server.sh. */
export const codeServerDir =
  process.env.TANDEM_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache/tandem-e2e/code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules/code-server/out/node/entry.js');

/** The packaged extension (`npm run package`). */
export const vsixPath = process.env.TANDEM_E2E_VSIX ?? path.join(repoRoot, 'dist/tandem.vsix');

/** Screenshots land here; CI keeps the folder. */
export const resultsDir = process.env.TANDEM_E2E_RESULTS ?? path.join(repoRoot, 'test-results/e2e');

export const chromiumPath = process.env.TANDEM_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const sampleWorkspace = path.join(repoRoot, 'test/e2e/fixtures/sample-workspace');
