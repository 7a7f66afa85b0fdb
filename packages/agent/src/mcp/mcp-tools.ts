import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { type AgentTool, ToolError } from '../tools/tool.js';
import type { McpConnection } from './connect.js';
import { toToolOutput } from './content.js';
import { namespacedToolNames } from './tool-names.js';

/**
 * The tool's JSON Schema as Bedrock takes it: always an object schema, without the `$schema` marker
 * (as for zod schemas in @strata/bedrock), since Bedrock's validators do not need it.
 */
function inputSchemaOf(tool: Tool): Record<string, unknown> {
  const { $schema: _schema, ...schema } = tool.inputSchema as Record<string, unknown>;
  return { ...schema, type: 'object' };
}

/**
 * One server's MCP tools as AgentTools, so they share the built-in tools' approval, execution and
 * error path.
 *
 * - `readOnly` trusts the server's `readOnlyHint`, which lets the loop cache results within a run.
 * - `dangerous` is the server config's `dangerous` when set; otherwise a tool needs approval unless
 *   its server declares it read-only. The hint is the server's own claim, so a server that is not
 *   trusted should be configured `dangerous: true`.
 * - `execute` passes the run's abort signal down as an MCP cancellation. A tool that reports
 *   `isError` yields an error result; a call that times out, is refused at the protocol level or
 *   finds the server gone throws a ToolError, which the loop shows the model like any tool failure.
 */
export function toAgentTools(connection: McpConnection, tools: readonly Tool[]): AgentTool[] {
  const names = namespacedToolNames(
    connection.name,
    tools.map((tool) => tool.name),
  );
  return tools.map((tool, i): AgentTool => {
    const name = names[i]!;
    const readOnly = tool.annotations?.readOnlyHint === true;
    return {
      name,
      description: `[${connection.name}] ${tool.description || tool.title || tool.annotations?.title || tool.name}`,
      inputSchema: inputSchemaOf(tool),
      readOnly,
      dangerous: connection.config.dangerous ?? !readOnly,
      async execute(input, context) {
        try {
          return toToolOutput(await connection.callTool(tool.name, input, context.signal));
        } catch (error) {
          // A cancelled run is not a tool failure: let the loop see its own abort reason.
          if (context.signal.aborted) throw context.signal.reason;
          throw new ToolError(connection.callFailure(name, error), { cause: error });
        }
      },
    };
  });
}
