import type { AgentTool } from '../tools/tool.js';
import { McpConnection } from './connect.js';
import { describeError } from './describe-error.js';
import { type McpServerConfig, validateServerConfigs } from './mcp-config.js';
import { toAgentTools } from './mcp-tools.js';

export interface McpToolSourceOptions {
  /** Cancels connecting; once connected, the source lives until `close()`. */
  signal?: AbortSignal;
  /**
   * Called after a server's tool list changed and was read again. Like an event listener, it is
   * called on its own, so what it throws is not caught here.
   */
  onChange?: () => void;
  /** The client name servers see in the handshake; `strata` when unset. */
  clientName?: string;
}

/** One connected server and its current tools. */
class ServerTools {
  tools: AgentTool[] = [];
  /** Refreshes run one after another, so an older listing never replaces a newer one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly connection: McpConnection) {}

  /** The first listing; rejects if the server cannot list its tools. */
  discover(signal: AbortSignal | undefined): Promise<void> {
    const first = this.load(signal);
    this.queue = first.catch(() => undefined);
    return first;
  }

  /** Lists again once the listing under way is done, then reports the change. */
  refresh(onChange: (() => void) | undefined): void {
    this.queue = this.queue.then(async () => {
      try {
        await this.load();
      } catch {
        // Keep the last good list: if the server is gone, calling its tools says so clearly.
        return;
      }
      if (onChange) queueMicrotask(onChange);
    });
  }

  private async load(signal?: AbortSignal): Promise<void> {
    this.tools = toAgentTools(this.connection, await this.connection.listTools(signal));
  }
}

/**
 * The tools of a set of MCP servers, as AgentTools named `${server}__${tool}`. Tools are listed at
 * connect time and again whenever a server announces `notifications/tools/list_changed`; the loop
 * reads `tools()` before each model call, so it always offers the current set.
 */
export class McpToolSource {
  private constructor(private readonly servers: ServerTools[]) {}

  /**
   * Connects to every server and lists its tools. If any server cannot be started, reached or
   * listed, the others are closed again and this throws an Error naming each failing server and why.
   */
  static async connect(
    configs: McpServerConfig[],
    options: McpToolSourceOptions = {},
  ): Promise<McpToolSource> {
    validateServerConfigs(configs);
    const settled = await Promise.allSettled(
      configs.map((config) => McpToolSource.connectOne(config, options)),
    );
    const servers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failures.length === 0) return new McpToolSource(servers);
    await Promise.all(servers.map((server) => server.connection.close()));
    if (options.signal?.aborted) throw options.signal.reason;
    if (failures.length === 1) throw failures[0];
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n'), {
      cause: new AggregateError(failures),
    });
  }

  private static async connectOne(
    config: McpServerConfig,
    options: McpToolSourceOptions,
  ): Promise<ServerTools> {
    const connection = await McpConnection.open(config, options);
    const server = new ServerTools(connection);
    // Subscribed before the first listing, so a change made meanwhile is not missed.
    connection.onToolListChanged(() => server.refresh(options.onChange));
    try {
      await server.discover(options.signal);
    } catch (error) {
      await connection.close();
      if (options.signal?.aborted) throw options.signal.reason;
      const message = `MCP server "${config.name}" connected but could not list its tools: ${describeError(error)}`;
      throw new Error(message, { cause: error });
    }
    return server;
  }

  /** The current tools of all servers, in the order the servers were configured. */
  tools(): AgentTool[] {
    return this.servers.flatMap((server) => server.tools);
  }

  /** Closes every client; stdio servers are ended (stdin closed, then SIGTERM, then SIGKILL). */
  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.connection.close()));
  }
}
