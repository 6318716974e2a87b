// Client for the fake model server (test/fakes/fakeModelServer.ts) as the e2e tests use
// it: a separate process whose URL scripts/e2e.mjs passes in TANDEM_E2E_FAKE_URL. When a
// test file runs on its own (no such variable), the harness starts one itself.
// Contract of the server (see its header comment): it prints `FAKE_MODEL_SERVER_URL=...`,
// `POST /__rules` replaces the rules, `GET /__requests` returns the recorded requests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { RecordedRequest, Rule, RuleSet } from '../fakes/fakeModelServer';
import { repoRoot } from './paths';

export type { RecordedRequest } from '../fakes/fakeModelServer';

export interface FakeServer {
  /** Base URL the extension is pointed at (tandem.baseUrl). */
  readonly url: string;
  /** Replaces the server's rules (the format is the fake server's; see its header). */
  setRules(rules: RuleSet | Rule[]): Promise<void>;
  /** Requests the server recorded, oldest first (RecordedRequest of fakeModelServer.ts). */
  requests(): Promise<RecordedRequest[]>;
  /** Model requests only (Responses and Chat Completions), oldest first. */
  modelRequests(): Promise<RecordedRequest[]>;
  /** Forgets the recorded requests (each test starts with none). */
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

const URL_LINE = /FAKE_MODEL_SERVER_URL=(\S+)/;

/** Starts the fake server as a child process and resolves once it printed its URL. */
export function spawnFakeServer(port = 0, timeoutMs = 30_000): Promise<{ url: string; child: ChildProcess }> {
  const script = path.join(repoRoot, 'test/fakes/fakeModelServer.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fake model server did not print its URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = URL_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fake model server exited (${code}) before printing its URL:\n${out}`));
    });
  });
}

/** Strips a trailing `/v1` etc. so the control endpoints are addressed at the root. */
function controlBase(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export function fakeClient(url: string, child?: ChildProcess): FakeServer {
  const base = controlBase(url);
  return {
    url,
    async setRules(rules) {
      const res = await fetch(`${base}/__rules`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rules),
      });
      if (!res.ok) throw new Error(`POST /__rules failed: ${res.status} ${await res.text()}`);
    },
    async requests() {
      const res = await fetch(`${base}/__requests`);
      if (!res.ok) throw new Error(`GET /__requests failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as RecordedRequest[];
    },
    async modelRequests() {
      return (await this.requests()).filter((r) => r.wire === 'responses' || r.wire === 'chat');
    },
    async clearRequests() {
      const res = await fetch(`${base}/__requests`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`DELETE /__requests failed: ${res.status}`);
    },
    async close() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** The suite's fake server, or (for a file run on its own) a fresh one. */
export async function connectFakeServer(): Promise<FakeServer> {
  const url = process.env.TANDEM_E2E_FAKE_URL;
  if (url) return fakeClient(url);
  const { url: own, child } = await spawnFakeServer();
  return fakeClient(own, child);
}
