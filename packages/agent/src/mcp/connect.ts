import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Tool,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describeError } from './describe-error.js';
import { DEFAULT_TIMEOUT_MS, type McpServerConfig } from './mcp-config.js';
import { StderrTail } from './stderr-tail.js';

const CLIENT_VERSION = '0.1.0';

type StdioConfig = Extract<McpServerConfig, { transport: 'stdio' }>;
type HttpConfig = Extract<McpServerConfig, { transport: 'http' }>;

/**
 * Runs `request` with a signal that follows `signal` only until the request settles. The SDK adds an
 * abort listener to the signal of every request and never removes it, so handing it the run's
 * long-lived signal would pile up listeners and, on abort, cancel requests that finished long ago.
 */
async function scoped<T>(
  signal: AbortSignal | undefined,
  request: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (!signal) return request(undefined);
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  try {
    return await request(controller.signal);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}

export interface ConnectOptions {
  signal?: AbortSignal;
  clientName?: string;
}

/** One live MCP client: its transport, what it last said on stderr, and whether it is still up. */
export class McpConnection {
  /** Set when the transport closed: the server exited, or we closed it. */
  private ended = false;

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    private readonly transport: Transport,
    private readonly stderr: StderrTail | undefined,
  ) {
    client.onclose = () => {
      this.ended = true;
    };
  }

  /** Starts the server (stdio) or reaches it (HTTP) and completes the MCP handshake. */
  static async open(config: McpServerConfig, options: ConnectOptions = {}): Promise<McpConnection> {
    const client = new Client({ name: options.clientName ?? 'strata', version: CLIENT_VERSION });
    const connection =
      config.transport === 'stdio' ? McpConnection.stdio(config, client) : McpConnection.http(config, client);
    try {
      await scoped(options.signal, (signal) =>
        client.connect(connection.transport, { signal, timeout: DEFAULT_TIMEOUT_MS }),
      );
      return connection;
    } catch (error) {
      await client.close().catch(() => undefined);
      if (options.signal?.aborted) throw options.signal.reason;
      throw new Error(await connection.connectFailure(error), { cause: error });
    }
  }

  private static stdio(config: StdioConfig, client: Client): McpConnection {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: config.env,
      cwd: config.cwd,
      stderr: 'pipe',
    });
    // The pipe exists before the child starts, so even output from a failed start is kept.
    return new McpConnection(config, client, transport, new StderrTail(transport.stderr!));
  }

  private static http(config: HttpConfig, client: Client): McpConnection {
    const transport = new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers },
    });
    return new McpConnection(config, client, transport, undefined);
  }

  get name(): string {
    return this.config.name;
  }

  get timeoutMs(): number {
    return this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Calls `listener` whenever the server says its tool list changed. */
  onToolListChanged(listener: () => void): void {
    this.client.setNotificationHandler(ToolListChangedNotificationSchema, listener);
  }

  /** Every tool the server offers, following pagination cursors. */
  async listTools(signal?: AbortSignal): Promise<Tool[]> {
    const tools: Tool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const params = cursor === undefined ? undefined : { cursor };
      const page = await scoped(signal, (scope) =>
        this.client.listTools(params, { signal: scope, timeout: DEFAULT_TIMEOUT_MS }),
      );
      tools.push(...page.tools);
      cursor = page.nextCursor;
      // A server handing back a cursor it already gave would otherwise keep us listing forever.
      if (cursor !== undefined && seen.has(cursor)) throw new Error(`tools/list repeated cursor ${cursor}`);
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
    return tools;
  }

  async callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const result = await scoped(signal, (scope) =>
      this.client.callTool({ name, arguments: args }, undefined, { signal: scope, timeout: this.timeoutMs }),
    );
    return result as CallToolResult;
  }

  /** Why a call to `tool` (its namespaced name) failed, in words the model and the user can act on. */
  callFailure(tool: string, error: unknown): string {
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return `The MCP tool ${tool} did not answer within ${this.timeoutMs / 1000} s.`;
    }
    if (this.ended) {
      return `The MCP server "${this.name}" is no longer running (${describeError(error)}).${this.stderrTail()}`;
    }
    if (error instanceof McpError)
      return `The MCP server "${this.name}" refused the call: ${describeError(error)}`;
    return `The MCP server "${this.name}" could not be reached: ${describeError(error)}${this.stderrTail()}`;
  }

  async close(): Promise<void> {
    // For stdio this ends the child's stdin, then sends SIGTERM and SIGKILL if it lingers.
    await this.client.close();
  }

  private stderrTail(): string {
    return this.stderr?.paragraph() ?? '';
  }

  private async connectFailure(error: unknown): Promise<string> {
    const { config } = this;
    if (config.transport === 'http') {
      return `Could not connect to MCP server "${config.name}" at ${config.url}: ${describeError(error)}`;
    }
    const commandLine = [config.command, ...(config.args ?? [])].join(' ');
    let reason = describeError(error);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      reason = `command not found: ${config.command}${config.cwd ? ` (or the directory ${config.cwd} does not exist)` : ''}`;
    } else if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed) {
      reason = 'the process exited before completing the MCP handshake';
    }
    // The child's last stderr bytes may still be in the pipe when the handshake fails.
    await new Promise((resolve) => setImmediate(resolve));
    return `Could not start MCP server "${config.name}" (${commandLine}): ${reason}${this.stderrTail()}`;
  }
}
