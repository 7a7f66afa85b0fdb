import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

/**
 * The message of an error the MCP SDK raised, with what the bare message leaves out: the causes
 * (`fetch failed` alone says nothing; `connect ECONNREFUSED` does), the HTTP status, and the JSON-RPC
 * code once instead of the `MCP error -32602: MCP error -32602:` the SDK stacks up when a server's
 * own McpError comes back through the client.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    const message = e instanceof Error ? messageOf(e) : String(e);
    if (!parts.includes(message)) parts.push(message);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ');
}

function messageOf(error: Error): string {
  if (error instanceof McpError) {
    return `${error.message.replace(/^(MCP error -?\d+: )+/, '')} (MCP error ${error.code})`;
  }
  if (error instanceof StreamableHTTPError && error.code !== undefined) {
    return `${error.message} (HTTP ${error.code})`;
  }
  return error.message;
}
