// The MCP servers of one window: one hub (src/core/mcp/hub.ts), shared by every session
// of the window and by the MCP view, built from the configuration as it stands:
//   - the user's `tandem.mcpServers` setting (the host passes only the user's value, so
//     a repository's settings can never add a server), and
//   - the workspace's .tandem/mcp.json, whose servers the hub starts only in a trusted
//     workspace and only after the user approved that exact command.
// vscode-free: the host passes the setting, the folder, Workspace Trust and the memory.
//
// Contract:
// - invalidate() when anything that feeds the configuration may have changed (the
//   setting, the file, trust, the folder). The next hub() re-reads it; when the result
//   differs, the old hub is stopped (its processes end) before a new one is built, and
//   onDidReplace fires (the host rebuilds its sessions when idle: their tools name the
//   old hub, or none).
//   An unchanged configuration keeps the running hub and its servers.
// - Servers start only when a session needs them (or the user starts one in the view).
// - dispose() stops every server; hub() then answers undefined.
import * as l10n from '@vscode/l10n';
import type { McpEvent, McpHub, McpMemory, McpServerEntry, McpServerStatus } from '../../core/index';
import type { LazyCore } from '../coreAccess/lazyCore';
import { errorMessage, type Logger } from '../util/log';
import type { StateStore } from './stateMemory';

export interface WindowMcpDeps {
  core: Pick<LazyCore, 'createMcpHub' | 'loadMcpConfig'>;
  /** The user's own value of tandem.mcpServers (never a workspace's). */
  setting(): unknown;
  /** The folder sessions work in; no folder, no servers. */
  workspaceRoot(): string | undefined;
  trusted(): boolean;
  memory: McpMemory;
  /** Where the servers the user turned off in the view are remembered (the workspace's state). */
  state: StateStore;
  log: Logger;
}

/** Servers the user disabled in the MCP view: they stay off in this workspace until enabled again. */
export const DISABLED_SERVERS_KEY = 'tandem.mcp.disabledServers';

/** What the MCP view shows. */
export interface McpOverview {
  servers: McpServerStatus[];
  /** Configuration entries that were skipped, one sentence each. */
  problems: string[];
  /** No folder is open (servers need one). */
  noFolder: boolean;
}

interface Current {
  key: string;
  hub: McpHub;
  unsubscribe(): void;
}

export class WindowMcp {
  private current: Current | undefined;
  private problems: string[] = [];
  private noFolder = false;
  private stale = true;
  /** The next refresh builds a new hub even for the same configuration (the user's Reload). */
  private forced = false;
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event?: McpEvent) => void>();
  private readonly replaceListeners = new Set<() => void>();

  constructor(private readonly deps: WindowMcpDeps) {}

  /** Fires when the overview changed: a server's state, or the configuration. */
  onDidChange(listener: (event?: McpEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Fires when the hub was replaced, added or removed: sessions built before must be rebuilt. */
  onDidReplace(listener: () => void): { dispose(): void } {
    this.replaceListeners.add(listener);
    return { dispose: () => void this.replaceListeners.delete(listener) };
  }

  /** The configuration may have changed; the next hub() re-reads it. */
  invalidate(): void {
    if (this.disposed) return;
    this.stale = true;
    this.fire();
  }

  /**
   * The user's "Reload": a new hub even when nothing changed, so servers restart and a
   * workspace server the user declined is asked about again.
   */
  reload(): Promise<McpHub | undefined> {
    this.forced = true;
    this.invalidate();
    return this.hub();
  }

  /** The window's hub for the configuration as it stands; undefined when no server is configured. */
  hub(): Promise<McpHub | undefined> {
    if (!this.stale || this.disposed) return Promise.resolve(this.current?.hub);
    return this.serial(() => this.refresh());
  }

  /** AgentOptions.mcp for a new session. A configuration that cannot be read costs the session its MCP tools, not its start. */
  async sessionOption(): Promise<{ mcp?: { hub: McpHub } }> {
    try {
      const hub = await this.hub();
      return hub ? { mcp: { hub } } : {};
    } catch (err) {
      this.deps.log.warn(`MCP servers are not available: ${errorMessage(err)}`);
      return {};
    }
  }

  /** The current state, without reading the configuration again (call hub() first for a fresh one). */
  overview(): McpOverview {
    return { servers: this.current?.hub.status() ?? [], problems: this.problems, noFolder: this.noFolder };
  }

  async restart(server: string): Promise<void> {
    await (await this.requireHub()).restart(server);
  }

  async setEnabled(server: string, enabled: boolean): Promise<void> {
    await (await this.requireHub()).setEnabled(server, enabled);
    const others = this.disabledByUser().filter((name) => name !== server);
    await this.deps.state.update(DISABLED_SERVERS_KEY, enabled ? others : [...others, server]);
  }

  private disabledByUser(): string[] {
    const stored = this.deps.state.get<unknown>(DISABLED_SERVERS_KEY);
    return Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : [];
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.serial(() => this.replace(undefined));
    this.listeners.clear();
    this.replaceListeners.clear();
  }

  private async requireHub(): Promise<McpHub> {
    const hub = await this.hub();
    if (!hub) throw new Error(l10n.t('No MCP servers are configured.'));
    return hub;
  }

  private async refresh(): Promise<McpHub | undefined> {
    if (!this.stale || this.disposed) return this.current?.hub;
    this.stale = false;
    const root = this.deps.workspaceRoot();
    this.noFolder = root === undefined;
    if (root === undefined) {
      this.problems = [];
      await this.replace(undefined);
      return undefined;
    }
    let entries: McpServerEntry[];
    try {
      const loaded = await this.deps.core.loadMcpConfig({ setting: this.deps.setting(), workspaceRoot: root });
      entries = loaded.entries;
      this.problems = loaded.problems;
    } catch (err) {
      // read again next time: the file may be fixed
      this.stale = true;
      this.problems = [l10n.t('The MCP configuration could not be read: {0}', errorMessage(err))];
      this.fire();
      throw err;
    }
    for (const p of this.problems) this.deps.log.warn(`MCP configuration: ${p}`);
    const trusted = this.deps.trusted();
    const key = JSON.stringify({ root, trusted, entries });
    const forced = this.forced;
    this.forced = false;
    if (this.current?.key === key && !forced) {
      this.fire();
      return this.current.hub;
    }
    if (entries.length === 0) {
      await this.replace(undefined);
      return undefined;
    }
    const hub = await this.deps.core.createMcpHub({ servers: entries, workspaceRoot: root, trusted, memory: this.deps.memory });
    const off = this.disabledByUser();
    for (const entry of entries) if (off.includes(entry.name)) await hub.setEnabled(entry.name, false);
    await this.replace({ key, hub, unsubscribe: hub.onEvent((e) => this.onHubEvent(e)) });
    return hub;
  }

  /** Stops the old hub (its processes end before anything new starts) and installs the next. */
  private async replace(next: Current | undefined): Promise<void> {
    const old = this.current;
    this.current = next;
    if (old) {
      old.unsubscribe();
      await old.hub.dispose().catch((err) => this.deps.log.warn(`MCP servers did not stop cleanly: ${errorMessage(err)}`));
    }
    // also from none to one: sessions built without servers get them when rebuilt
    if ((old || next) && !this.disposed) this.notify(this.replaceListeners, undefined);
    this.fire();
  }

  private onHubEvent(event: McpEvent): void {
    if (event.type === 'mcp/tools_changed') this.deps.log.info(event.note);
    if (event.type === 'mcp/server_updated' && event.server.state === 'failed') {
      this.deps.log.warn(`MCP server "${event.server.name}" failed: ${event.server.error ?? 'unknown error'}`);
    }
    this.fire(event);
  }

  private fire(event?: McpEvent): void {
    this.notify(this.listeners, event);
  }

  private notify<E>(listeners: Set<(event: E) => void>, event: E): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.deps.log.warn(`MCP listener failed: ${errorMessage(err)}`);
      }
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
