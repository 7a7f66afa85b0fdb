interface McpServerCommon {
  /**
   * Prefix of the server's tool names (`${name}__${tool}`): letters, digits and `-`, with single `_`
   * between them, at most 32 characters, so the prefix is always recoverable from a tool name.
   */
  name: string;
  /**
   * Whether the server's tools need approval. When unset, a tool needs approval unless the server
   * annotates it `readOnlyHint: true`; `false` marks every tool of a trusted server safe, `true` makes
   * even read-only ones ask.
   */
  dangerous?: boolean;
  /**
   * How long one tool call may take before it fails, in milliseconds; 60 000 when unset. The
   * handshake and tool listing always get 60 000, since a server may be slow to start.
   */
  timeoutMs?: number;
}

/** An MCP server to connect to: a command spoken to over stdio, or a Streamable HTTP endpoint. */
export type McpServerConfig =
  | (McpServerCommon & {
      transport: 'stdio';
      command: string;
      args?: string[];
      /** Added to the few variables the SDK passes on (PATH, HOME, …); the rest of ours is not leaked. */
      env?: Record<string, string>;
      cwd?: string;
    })
  | (McpServerCommon & { transport: 'http'; url: string; headers?: Record<string, string> });

export const DEFAULT_TIMEOUT_MS = 60_000;

const SERVER_NAME = /^[a-zA-Z0-9-]+(?:_[a-zA-Z0-9-]+)*$/;
const MAX_SERVER_NAME = 32;

/** Rejects configurations that could not work, before anything is spawned or fetched. */
export function validateServerConfigs(configs: readonly McpServerConfig[]): void {
  const seen = new Set<string>();
  for (const config of configs) {
    const { name } = config;
    if (typeof name !== 'string' || !SERVER_NAME.test(name) || name.length > MAX_SERVER_NAME) {
      throw new Error(
        `Invalid MCP server name ${JSON.stringify(name)}: use up to ${MAX_SERVER_NAME} letters, digits and ` +
          `'-', with single '_' between them (the name prefixes tool names as name__tool).`,
      );
    }
    if (seen.has(name)) throw new Error(`Two MCP servers are named "${name}"; server names must be unique.`);
    seen.add(name);
    if (config.transport === 'stdio') {
      if (!config.command) throw new Error(`MCP server "${name}": a stdio server needs a command.`);
    } else if (config.transport === 'http') {
      if (!URL.canParse(config.url) || !/^https?:$/.test(new URL(config.url).protocol)) {
        throw new Error(`MCP server "${name}": ${JSON.stringify(config.url)} is not an http(s) URL.`);
      }
    } else {
      const transport = (config as { transport?: unknown }).transport;
      throw new Error(`MCP server "${name}": unknown transport ${JSON.stringify(transport)}.`);
    }
    if (config.timeoutMs !== undefined && !(config.timeoutMs > 0)) {
      throw new Error(`MCP server "${name}": timeoutMs must be a positive number of milliseconds.`);
    }
  }
}
