// Editor areas run real VS Code (code-server) through the e2e harness (test/e2e). The
// fake model server runs in THIS process (the harness talks to it over HTTP through
// TANDEM_E2E_FAKE_URL), so the bench can timestamp what it writes.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TestContext } from 'node:test';
import { codeServerEntry, chromiumPath, vsixPath } from '../../test/e2e/paths';
import { logFiles } from '../../test/e2e/codeServer';
import { startFakeModelServer, type FakeModelServer } from '../../test/fakes/fakeModelServer';

/** Why the editor areas cannot run here, or undefined when they can. */
export function editorUnavailable(): string | undefined {
  if (!existsSync(codeServerEntry)) return `code-server is not set up (${codeServerEntry}); run scripts/setup-code-server.sh`;
  if (!existsSync(chromiumPath)) return `Chromium is missing (${chromiumPath})`;
  if (!existsSync(vsixPath)) return `${vsixPath} is missing; run \`npm run package\` (or \`npm run bench -- weight\`) first`;
  return undefined;
}

/** The harness only reads `t.name`. */
export const benchContext = (name: string) => ({ name }) as unknown as TestContext;

/** Epoch milliseconds with sub-millisecond precision (comparable with a page's timeOrigin + now()). */
export const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Starts the in-process fake server and records, for every `marker` match in bytes the
 * server writes, the first epoch time it went out.
 */
export async function startMarkedServer(marker: RegExp): Promise<{ fake: FakeModelServer; sent: Map<string, number>; restore(): Promise<void> }> {
  const sent = new Map<string, number>();
  const proto = http.ServerResponse.prototype as unknown as { write: (...a: unknown[]) => boolean };
  const original = proto.write;
  proto.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
      const t = epochNow();
      for (const m of String(chunk).matchAll(marker)) if (!sent.has(m[0])) sent.set(m[0], t);
    }
    return original.call(this, chunk, ...rest);
  } as typeof original;
  const fake = await startFakeModelServer();
  const before = process.env.TANDEM_E2E_FAKE_URL;
  process.env.TANDEM_E2E_FAKE_URL = fake.baseUrl;
  return {
    fake,
    sent,
    async restore() {
      proto.write = original;
      if (before === undefined) delete process.env.TANDEM_E2E_FAKE_URL;
      else process.env.TANDEM_E2E_FAKE_URL = before;
      await fake.close();
    },
  };
}

/** Lines of the extension host logs mentioning Tandem's activation. */
export function activationLines(userDataDir: string): string[] {
  const out: string[] = [];
  for (const f of logFiles(userDataDir)) {
    if (!/exthost|extensionHost|remoteexthost/i.test(path.basename(f)) && !/exthost/i.test(f)) continue;
    const text = readFileSync(f, 'utf8');
    for (const line of text.split('\n')) if (/tandem-dev\.tandem/i.test(line) && /activat/i.test(line)) out.push(line.trim());
  }
  return out;
}
