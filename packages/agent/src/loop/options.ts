import type { Bedrock, Message, ReasoningOptions, SystemBlock } from '@strata/bedrock';
import type { ApprovalPolicy, Approver } from '../approval/approval.js';
import type { McpServerConfig } from '../mcp/index.js';
import type { AgentTool } from '../tools/tool.js';

export interface RunAgentOptions {
  bedrock: Bedrock;
  /** Anything `resolveModel` takes; the model must support tools. */
  model: string;
  system?: string | SystemBlock[];
  /** The conversation so far; the last message is normally the user's new turn. */
  messages: Message[];
  /** The tools offered; default: every built-in tool (`builtinTools()`). */
  tools?: AgentTool[];
  /** MCP servers whose tools are added, namespaced `server__tool`. */
  mcpServers?: McpServerConfig[];
  /** Asked for each call of a dangerous tool that no policy rule settles. Without it, such calls are denied. */
  approve?: Approver;
  policy?: ApprovalPolicy;
  /** The directory every file tool is confined to, and Bash's working directory. */
  workspace: string;
  /** Most model calls in the run. Default 10. */
  maxIterations?: number;
  /** Run a turn's independent tool calls concurrently. Default true. */
  parallel?: boolean;
  /** Most tool calls running at once when parallel. Default 4. */
  concurrency?: number;
  /** Cache read-only tool results within the run. Default true. */
  cacheToolResults?: boolean;
  maxTokens?: number;
  reasoning?: ReasoningOptions;
  signal?: AbortSignal;
}
