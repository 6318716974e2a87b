// Real MCP servers for the tests, installed from npm as devDependencies (no fakes on the
// MCP side): @modelcontextprotocol/server-everything over stdio, Streamable HTTP and SSE,
// and @modelcontextprotocol/server-filesystem over stdio. Plus helpers to count this
// process's open file descriptors and child processes (leak checks).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { McpServerEntry } from '../../src/core/index';
import { ROOT } from './harness';

export const EVERYTHING = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
export const FILESYSTEM = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');
/** A server built on the SDK whose tools the wire APIs reject or that change (test/fixtures). */
export const ODD_SERVER = path.join(ROOT, 'test', 'fixtures', 'mcp', 'oddServer.mjs');

export function stdioEntry(name: string, args: string[], extra: Partial<McpServerEntry> = {}): McpServerEntry {
  return { name, config: { command: process.execPath, args }, source: 'user', origin: 'test', ...extra };
}

export const everythingStdio = (name = 'everything'): McpServerEntry => stdioEntry(name, [EVERYTHING, 'stdio']);
export const filesystemStdio = (dir: string, name = 'fs'): McpServerEntry => stdioEntry(name, [FILESYSTEM, dir]);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface HttpServer {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** server-everything in `streamableHttp` (url …/mcp) or `sse` (url …/sse) mode, on a free port. */
export async function startEverythingHttp(mode: 'streamableHttp' | 'sse'): Promise<HttpServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, mode], { env: { PATH: process.env.PATH ?? '', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString('utf8');
      if (/listening on port|running on port/i.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything ${mode} exited (${code}): ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`,
    child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** Inodes of TCP sockets on this machine (Linux). */
function tcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const inode = line.trim().split(/\s+/)[9];
        if (inode) inodes.add(inode);
      }
    } catch {
      // no IPv6
    }
  }
  return inodes;
}

/**
 * Open file descriptors of this process (Linux), as `type:target` strings. TCP sockets
 * are left out: they are the HTTP keep-alive pool of the model client, which grows and
 * shrinks on its own; a stdio MCP server's pipes are Unix sockets or pipes and stay in.
 */
export function openFds(): string[] {
  const tcp = tcpInodes();
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // the fd readdir itself used
    }
    const socket = /^socket:\[(\d+)\]$/.exec(target);
    if (socket && tcp.has(socket[1])) continue;
    out.push(`${fd}:${target}`);
  }
  return out;
}

/** Live child processes of this process (Linux), by pid. */
export function childPids(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after the command name (which may hold spaces) start after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      // it ended while we looked
    }
  }
  return out;
}
