/**
 * Cohere Command R / R+ (`cohere.command-r*`): Cohere's v1 chat body in (`message`, `chat_history`,
 * `preamble`, `tools`, `tool_results`…), Cohere's chat response out. The stream is Cohere's own event
 * list: `stream-start`, `text-generation`…, `tool-calls-generation`, then `stream-end` carrying the whole
 * response. Reasoning in a reply is not rendered.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { ConversationView, InvocationMetrics, Reply, Usage, ViewBlock } from '../conversation/types.js';
import type { NativeCodec, NativeContext } from './codec.js';
import {
  arrayOf,
  assertValid,
  bool,
  enumOf,
  freeObject,
  int,
  isObject,
  num,
  objectOf,
  type Schema,
  str,
  unit,
} from './schema.js';
import { emptyView, textBlock } from './view.js';
import { closingFields, guardrailFields, replyText, uuidFrom } from './wire.js';

const toolCall = objectOf({ name: str, parameters: freeObject, generation_id: str }, ['name']);
const toolResult = objectOf({ call: toolCall, outputs: arrayOf(freeObject) }, ['call', 'outputs']);

const chatBody: Schema = objectOf(
  {
    message: str,
    chat_history: arrayOf(
      objectOf(
        {
          role: enumOf('USER', 'CHATBOT', 'SYSTEM', 'TOOL'),
          message: str,
          tool_calls: arrayOf(toolCall),
          tool_results: arrayOf(toolResult),
        },
        ['role'],
      ),
    ),
    documents: arrayOf(freeObject),
    search_queries_only: bool,
    preamble: str,
    max_tokens: { ...int, minimum: 1 },
    temperature: unit,
    p: num,
    k: num,
    prompt_truncation: enumOf('OFF', 'AUTO_PRESERVE_ORDER'),
    frequency_penalty: num,
    presence_penalty: num,
    seed: int,
    return_prompt: bool,
    tools: arrayOf(
      objectOf({ name: str, description: str, parameter_definitions: freeObject }, ['name', 'description']),
    ),
    tool_results: arrayOf(toolResult),
    stop_sequences: arrayOf(str),
    raw_prompting: bool,
  },
  ['message'],
);

interface ToolCall {
  name: string;
  parameters?: unknown;
}

interface ToolResult {
  call: ToolCall;
  outputs: unknown[];
}

interface HistoryEntry {
  role: 'USER' | 'CHATBOT' | 'SYSTEM' | 'TOOL';
  message?: string;
  tool_calls?: ToolCall[];
  tool_results?: ToolResult[];
}

interface CohereRequest {
  message: string;
  chat_history?: HistoryEntry[];
  preamble?: string;
  max_tokens?: number;
  tools?: { name: string }[];
  tool_results?: ToolResult[];
  stop_sequences?: string[];
}

/** Cohere's tool calls carry no id: a result answers the call with the same name and parameters. */
const callId = (call: ToolCall): string => `${call.name}:${JSON.stringify(call.parameters ?? {})}`;

const resultBlocks = (results: ToolResult[]): ViewBlock[] =>
  results.map((result) => ({
    kind: 'toolResult',
    toolUseId: callId(result.call),
    text: JSON.stringify(result.outputs),
    status: 'success',
  }));

function decodeRequest(body: unknown): ConversationView {
  assertValid(chatBody, body);
  const request = body as CohereRequest;
  const view = emptyView();
  if (request.preamble) view.system.push(textBlock(request.preamble));
  for (const entry of request.chat_history ?? []) {
    const text = entry.message ? [textBlock(entry.message)] : [];
    if (entry.role === 'SYSTEM') view.system.push(...text);
    else if (entry.role === 'TOOL')
      view.messages.push({ role: 'user', blocks: resultBlocks(entry.tool_results ?? []) });
    else if (entry.role === 'USER') view.messages.push({ role: 'user', blocks: text });
    else {
      const calls = (entry.tool_calls ?? []).map(
        (call): ViewBlock => ({
          kind: 'toolUse',
          toolUseId: callId(call),
          name: call.name,
          input: call.parameters ?? {},
        }),
      );
      view.messages.push({ role: 'assistant', blocks: [...text, ...calls] });
    }
  }
  const current = [
    ...resultBlocks(request.tool_results ?? []),
    ...(request.message ? [textBlock(request.message)] : []),
  ];
  view.messages.push({ role: 'user', blocks: current });
  view.tools = (request.tools ?? []).map((tool) => tool.name);
  view.maxTokens = request.max_tokens;
  view.stopSequences = request.stop_sequences ?? [];
  return view;
}

function finishReason(reply: Reply): string {
  if (reply.stopReason === 'max_tokens') return 'MAX_TOKENS';
  if (reply.stopReason === 'guardrail_intervened' || reply.stopReason === 'content_filtered')
    return 'ERROR_TOXIC';
  return 'COMPLETE';
}

const toolCalls = (reply: Reply): ToolCall[] =>
  reply.blocks.flatMap((block) =>
    block.type === 'toolUse' ? [{ name: block.name, parameters: block.input ?? {} }] : [],
  );

/** Cohere echoes the conversation, with this turn and the answer appended. */
function chatHistory(requestBody: unknown, text: string, calls: ToolCall[]): HistoryEntry[] {
  const request = (isObject(requestBody) ? requestBody : {}) as Partial<CohereRequest>;
  const history: HistoryEntry[] = [...(request.chat_history ?? [])];
  if (request.tool_results?.length) history.push({ role: 'TOOL', tool_results: request.tool_results });
  if (request.message) history.push({ role: 'USER', message: request.message });
  history.push({ role: 'CHATBOT', message: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
  return history;
}

function response(reply: Reply, usage: Usage, ctx: NativeContext): Record<string, unknown> {
  const text = replyText(reply);
  const calls = toolCalls(reply);
  return {
    response_id: uuidFrom(ctx.responseId),
    text,
    generation_id: uuidFrom(`${ctx.responseId}/generation`),
    chat_history: chatHistory(ctx.requestBody, text, calls),
    finish_reason: finishReason(reply),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    meta: {
      api_version: { version: '1' },
      billed_units: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
    },
  };
}

function encodeResponse(reply: Reply, usage: Usage, ctx: NativeContext): unknown {
  return { ...response(reply, usage, ctx), ...guardrailFields(reply) };
}

function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  const full = response(reply, usage, ctx);
  const chunks: unknown[] = [
    { is_finished: false, event_type: 'stream-start', generation_id: full.generation_id },
  ];
  for (const text of splitIntoDeltas(replyText(reply), ctx.wordsPerDelta)) {
    chunks.push({ is_finished: false, event_type: 'text-generation', text });
  }
  const calls = toolCalls(reply);
  if (calls.length > 0)
    chunks.push({ is_finished: false, event_type: 'tool-calls-generation', tool_calls: calls });
  chunks.push({
    is_finished: true,
    event_type: 'stream-end',
    response: full,
    finish_reason: full.finish_reason,
    ...closingFields(reply, usage, metrics),
  });
  return chunks;
}

export const cohereCommandR: NativeCodec = {
  family: 'cohere-command-r',
  decodeRequest,
  encodeResponse,
  encodeStream,
};
