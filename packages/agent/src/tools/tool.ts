import type { ToolResultContent, ZodSchemaLike } from '@strata/bedrock';
import type { Workspace } from '../sandbox/workspace.js';

/** What a tool gets besides its input: the sandboxed workspace and the run's abort signal. */
export interface ToolContext {
  workspace: Workspace;
  signal: AbortSignal;
}

/** A tool's answer: text, or content blocks; `isError` makes it a `status: error` tool result. */
export type ToolOutput = string | { content: ToolResultContent[]; isError?: boolean };

/**
 * A tool the model may call. Built-in tools, custom tools and MCP tools all have this shape, so they go
 * through one approval, execution, caching and error path.
 */
export interface AgentTool {
  name: string;
  description: string;
  /** JSON Schema of the input object, or a zod 4 schema. */
  inputSchema: Record<string, unknown> | ZodSchemaLike;
  /** Needs approval before it runs (Write, Edit, Bash, NotebookEdit, anything marked so). */
  dangerous?: boolean;
  /** Has no side effects: its results may be cached within a run. */
  readOnly?: boolean;
  /**
   * The workspace-relative paths a call reads or writes, so the loop can invalidate cached reads of a
   * path a write touched, and so policies can match on paths.
   */
  paths?(input: Record<string, unknown>): string[];
  /** Runs the tool. Throwing is fine: the loop turns it into an error result the model sees. */
  execute(input: Record<string, unknown>, context: ToolContext): Promise<ToolOutput>;
}

/** A failure whose message the model should see as is (no stack, no prefix). */
export class ToolError extends Error {
  override name = 'ToolError';
}
