import {
  AbortError,
  type ChatEvent,
  type Cost,
  collect,
  type Message,
  type StrataError,
  type ToolResultBlock,
  type ToolUseBlock,
  type Usage,
  ValidationError,
} from '@strata/bedrock';
import { checkPolicy } from '../approval/policy.js';
import { McpToolSource } from '../mcp/index.js';
import { Workspace } from '../sandbox/workspace.js';
import { builtinTools } from '../tools/index.js';
import type { ToolContext } from '../tools/tool.js';
import { Channel } from './channel.js';
import { decideApproval } from './decide-approval.js';
import type { AgentDone, AgentEvent, AgentStopReason } from './events.js';
import { executeTool, mapLimited } from './execute-tool.js';
import type { RunAgentOptions } from './options.js';
import { ResultCache } from './result-cache.js';

const ZERO_USAGE: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  totalTokens: 0,
};
const ZERO_COST: Cost = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  total: 0,
  cacheSavings: 0,
  currency: 'USD',
};

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    cacheWriteInputTokens: a.cacheWriteInputTokens + b.cacheWriteInputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

function addCost(a: Cost, b: Cost): Cost {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
    total: a.total + b.total,
    cacheSavings: a.cacheSavings + b.cacheSavings,
    currency: 'USD',
  };
}

/** The run's state: the history it extends and the totals it reports. */
interface RunState {
  messages: Message[];
  usage: Usage;
  cost: Cost;
  iterations: number;
}

const asInput = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The tool loop: call the model with the tools; when it asks for tools, settle approvals in order,
 * run the approved calls (concurrently, results in the model's order), feed the results back, and go
 * again — until the model is done, the iteration limit, an abort, or an error. Yields every event; the
 * last is always `done`, with the whole history.
 */
async function* agentLoop(
  options: RunAgentOptions,
  state: RunState,
): AsyncGenerator<AgentEvent, void, undefined> {
  checkPolicy(options.policy);
  const model = await options.bedrock.resolveModel(options.model);
  const offersTools = (options.tools ?? builtinTools()).length > 0 || (options.mcpServers?.length ?? 0) > 0;
  if (offersTools && !model.capabilities.tools) {
    throw new ValidationError(
      `${options.model} (${model.name}) does not support tool use, so it cannot run the agent. Pick a model with tools, such as claude-sonnet-3.5 or nova-pro.`,
      {
        path: 'model',
      },
    );
  }
  const workspace = await Workspace.open(options.workspace);
  const signal = options.signal ?? new AbortController().signal;
  const mcp = options.mcpServers?.length
    ? await McpToolSource.connect(options.mcpServers, { signal })
    : undefined;
  const baseTools = options.tools ?? builtinTools();
  const cache = options.cacheToolResults === false ? undefined : new ResultCache();
  const always = new Set<string>();
  const context: ToolContext = { workspace, signal };
  const maxIterations = options.maxIterations ?? 10;
  let stopReason: AgentStopReason = 'max_iterations';
  let failure: StrataError | undefined;
  let approvals = 0;

  try {
    while (state.iterations < maxIterations) {
      state.iterations++;
      yield { type: 'iteration', iteration: state.iterations };
      const tools = [...baseTools, ...(mcp?.tools() ?? [])];
      const byName = new Map(tools.map((t) => [t.name, t]));
      const events: ChatEvent[] = [];
      for await (const event of options.bedrock.stream({
        model: options.model,
        messages: state.messages,
        ...(tools.length > 0
          ? {
              tools: tools.map((t) => ({
                name: t.name,
                description: t.description,
                inputSchema: t.inputSchema,
              })),
            }
          : {}),
        signal,
        ...(options.system !== undefined ? { system: options.system } : {}),
        ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
        ...(options.reasoning ? { reasoning: options.reasoning } : {}),
      })) {
        events.push(event);
        if (event.type === 'usage') {
          state.usage = addUsage(state.usage, event.usage);
          state.cost = addCost(state.cost, event.cost);
        }
        yield event;
      }
      const reply = collect(events);
      state.messages.push(reply.message);
      const calls = reply.message.content.filter((b): b is ToolUseBlock => b.type === 'tool-use');
      if (reply.stopReason !== 'tool_use' || calls.length === 0) {
        stopReason = 'end_turn';
        break;
      }

      // Approvals one at a time, in the model's order: a person answers them one by one.
      const approved: boolean[] = [];
      const denials = new Map<string, string>();
      for (const call of calls) {
        const tool = byName.get(call.name);
        if (!tool) {
          approved.push(false);
          denials.set(
            call.id,
            `There is no tool named ${call.name}. Available tools: ${[...byName.keys()].join(', ')}.`,
          );
          continue;
        }
        const id = `approval-${++approvals}`;
        const input = asInput(call.input);
        const settled = decideApproval(options.policy, tool, input, always);
        if (!settled) {
          yield {
            type: 'tool-approval-request',
            id,
            toolUseId: call.id,
            tool: tool.name,
            input,
            paths: tool.paths?.(input) ?? [],
          };
        }
        const outcome =
          settled ??
          (await askApprover(options, {
            id,
            toolUseId: call.id,
            tool: tool.name,
            input,
            paths: tool.paths?.(input) ?? [],
          }));
        if (outcome.decision === 'always') always.add(tool.name);
        yield {
          type: 'tool-approval-decision',
          id,
          toolUseId: call.id,
          tool: tool.name,
          decision: outcome.decision,
          by: outcome.by,
          ...(outcome.decision === 'deny' && outcome.reason ? { reason: outcome.reason } : {}),
        };
        approved.push(outcome.decision !== 'deny');
        if (outcome.decision === 'deny')
          denials.set(
            call.id,
            `The user denied this ${tool.name} call${outcome.reason ? `: ${outcome.reason}` : '.'}`,
          );
      }

      const channel = new Channel<AgentEvent>();
      const run = mapLimited(
        calls,
        options.parallel === false ? 1 : (options.concurrency ?? 4),
        async (call, i): Promise<ToolResultBlock> => {
          const tool = byName.get(call.name);
          const input = asInput(call.input);
          if (!tool || !approved[i]) {
            const content = [{ type: 'text' as const, text: denials.get(call.id) ?? 'Not run.' }];
            channel.push({
              type: 'tool-result',
              toolUseId: call.id,
              tool: call.name,
              status: 'error',
              content,
              durationMs: 0,
              cached: false,
            });
            return { type: 'tool-result', toolUseId: call.id, content, status: 'error' };
          }
          channel.push({ type: 'tool-start', toolUseId: call.id, tool: tool.name, input });
          const hit = tool.readOnly ? cache?.get(tool.name, input) : undefined;
          const result = hit
            ? { status: 'ok' as const, content: hit, durationMs: 0 }
            : await executeTool(tool, input, context);
          if (!hit && cache) {
            if (tool.readOnly && result.status === 'ok')
              cache.set(tool.name, input, tool.paths?.(input) ?? [], result.content);
            if (!tool.readOnly) cache.invalidate(tool.paths?.(input));
          }
          channel.push({
            type: 'tool-result',
            toolUseId: call.id,
            tool: tool.name,
            ...result,
            cached: hit !== undefined,
          });
          return {
            type: 'tool-result',
            toolUseId: call.id,
            content: result.content,
            status: result.status === 'ok' ? 'success' : 'error',
          };
        },
      );
      yield* channel.until(run);
      state.messages.push({ role: 'user', content: await run });
      if (signal.aborted) throw new AbortError('The run was aborted.');
    }
  } catch (error) {
    failure = error as StrataError;
    stopReason = error instanceof AbortError || signal.aborted ? 'aborted' : 'error';
  } finally {
    await mcp?.close();
  }
  const done: AgentDone = {
    type: 'done',
    stopReason,
    messages: state.messages,
    iterations: state.iterations,
    usage: state.usage,
    cost: state.cost,
    ...(failure && stopReason === 'error' ? { error: failure } : {}),
  };
  yield done;
}

async function askApprover(
  options: RunAgentOptions,
  request: Parameters<NonNullable<RunAgentOptions['approve']>>[0],
): Promise<{ decision: 'allow' | 'always' | 'deny'; reason?: string; by: 'approver' | 'no-approver' }> {
  if (!options.approve) {
    return {
      decision: 'deny',
      reason: `${request.tool} needs approval and no approver is configured`,
      by: 'no-approver',
    };
  }
  const answer = await options.approve(request);
  return { ...answer, by: 'approver' };
}

/** A running agent: iterate its events; `messages` is the history as it grows. */
export interface AgentRun extends AsyncIterable<AgentEvent> {
  readonly messages: Message[];
  /** Runs to the end, returning the `done` event. */
  result(): Promise<AgentDone>;
}

export function runAgent(options: RunAgentOptions): AgentRun {
  const state: RunState = {
    messages: [...options.messages],
    usage: ZERO_USAGE,
    cost: ZERO_COST,
    iterations: 0,
  };
  let started = false;
  const iterate = () => {
    if (started) throw new Error('An agent run can be iterated once.');
    started = true;
    return agentLoop(options, state);
  };
  return {
    get messages() {
      return state.messages;
    },
    [Symbol.asyncIterator]: iterate,
    async result() {
      let done: AgentDone | undefined;
      for await (const event of { [Symbol.asyncIterator]: iterate }) if (event.type === 'done') done = event;
      return done as AgentDone;
    },
  };
}
