import type { ToolResultContent } from '@strata/bedrock';
import { type AgentTool, type ToolContext, ToolError, type ToolOutput } from '../tools/tool.js';

export interface ExecutedTool {
  status: 'ok' | 'error';
  content: ToolResultContent[];
  durationMs: number;
}

const text = (value: string): ToolResultContent[] => [
  { type: 'text', text: value.length > 0 ? value : '(no output)' },
];

function normalise(output: ToolOutput): { status: 'ok' | 'error'; content: ToolResultContent[] } {
  if (typeof output === 'string') return { status: 'ok', content: text(output) };
  const content = output.content.length > 0 ? output.content : text('');
  return { status: output.isError ? 'error' : 'ok', content };
}

/**
 * Runs one tool call and always returns a result: a thrown error, a rejected promise or an abort
 * becomes an error result with a message the model can act on. The loop never crashes on a tool.
 */
export async function executeTool(
  tool: AgentTool,
  input: Record<string, unknown>,
  context: ToolContext,
): Promise<ExecutedTool> {
  const started = Date.now();
  try {
    if (context.signal.aborted) throw new ToolError('The run was aborted before this tool could start.');
    const result = normalise(await tool.execute(input, context));
    return { ...result, durationMs: Date.now() - started };
  } catch (error) {
    const message =
      error instanceof ToolError
        ? error.message
        : context.signal.aborted
          ? 'The run was aborted while this tool was running.'
          : `${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 'error', content: text(message), durationMs: Date.now() - started };
  }
}

/** Runs tasks with at most `limit` at once, keeping results in the order of the tasks. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}
