/**
 * Mistral Large 2 (24.07) and later also take a chat-completions body, `{messages, tools, tool_choice,
 * max_tokens, temperature, top_p}`, and answer `{choices: [{index, message, stop_reason}]}`. Note the
 * AWS shape says `stop_reason`, not OpenAI's `finish_reason`, and tool calls are `{id, function: {name,
 * arguments}}` with `arguments` a JSON string (AWS "Mistral AI chat completion" page).
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type {
  ConversationView,
  InvocationMetrics,
  Reply,
  Usage,
  ViewBlock,
  ViewMessage,
} from '../conversation/types.js';
import type { NativeContext } from './codec.js';
import {
  arrayOf,
  assertValid,
  enumOf,
  freeObject,
  objectOf,
  type Schema,
  str,
  type UnionSchema,
  unit,
} from './schema.js';
import { base64Bytes, emptyView, textBlock } from './view.js';
import { closingFields, guardrailFields, replyText } from './wire.js';

const toolCall = objectOf(
  {
    id: str,
    type: enumOf('function'),
    function: objectOf({ name: str, arguments: { type: 'union', options: [str, freeObject] } }, [
      'name',
      'arguments',
    ]),
  },
  ['function'],
);

const content: UnionSchema = { type: 'union', options: [str, arrayOf(freeObject)] };

const chatBody: Schema = objectOf(
  {
    messages: arrayOf(
      objectOf(
        {
          role: enumOf('system', 'user', 'assistant', 'tool'),
          content,
          tool_calls: arrayOf(toolCall),
          tool_call_id: str,
          name: str,
        },
        ['role'],
      ),
    ),
    tools: arrayOf(
      objectOf(
        {
          type: enumOf('function'),
          function: objectOf({ name: str, description: str, parameters: freeObject }, ['name']),
        },
        ['function'],
      ),
    ),
    tool_choice: enumOf('auto', 'any', 'none'),
    max_tokens: { type: 'integer', minimum: 1 },
    temperature: unit,
    top_p: unit,
  },
  ['messages'],
);

type Part = { type?: string; text?: string; image_url?: string | { url?: string } };

interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string | Part[] | null;
  tool_calls?: { id?: string; function: { name: string; arguments: string | object } }[];
  tool_call_id?: string;
}

interface ChatRequest {
  messages: ChatMessage[];
  tools?: { function: { name: string } }[];
  max_tokens?: number;
}

/** Text and `image_url` parts (data URLs) of a message's content. */
function contentBlocks(value: ChatMessage['content']): ViewBlock[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [textBlock(value)];
  return value.flatMap((part): ViewBlock[] => {
    if (part.type === 'text' && typeof part.text === 'string') return [textBlock(part.text)];
    const url = typeof part.image_url === 'string' ? part.image_url : part.image_url?.url;
    const data = url?.match(/^data:image\/(\w+);base64,(.*)$/);
    if (data) return [{ kind: 'image', format: data[1]!, bytes: base64Bytes(data[2]!) }];
    return [];
  });
}

function parseArguments(args: string | object): unknown {
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

export function decodeChat(body: unknown): ConversationView {
  assertValid(chatBody, body);
  const request = body as ChatRequest;
  const view = emptyView();
  let previous: ChatMessage['role'] | undefined;
  for (const message of request.messages) {
    if (message.role === 'system') {
      view.system.push(...contentBlocks(message.content));
    } else if (message.role === 'tool') {
      const text = contentBlocks(message.content)
        .map((b) => (b.kind === 'text' ? b.text : ''))
        .join('');
      const block: ViewBlock = {
        kind: 'toolResult',
        toolUseId: message.tool_call_id ?? '',
        text,
        status: 'success',
      };
      // Consecutive tool messages answer one assistant turn together.
      if (previous === 'tool') view.messages.at(-1)!.blocks.push(block);
      else view.messages.push({ role: 'user', blocks: [block] });
    } else {
      const blocks = contentBlocks(message.content);
      for (const call of message.tool_calls ?? []) {
        const input = parseArguments(call.function.arguments);
        blocks.push({
          kind: 'toolUse',
          toolUseId: call.id ?? call.function.name,
          name: call.function.name,
          input,
        });
      }
      view.messages.push({ role: message.role, blocks } satisfies ViewMessage);
    }
    previous = message.role;
  }
  view.tools = (request.tools ?? []).map((tool) => tool.function.name);
  view.maxTokens = request.max_tokens;
  return view;
}

function stopReason(reply: Reply): string {
  if (reply.stopReason === 'max_tokens') return 'length';
  return reply.stopReason === 'tool_use' ? 'tool_calls' : 'stop';
}

function toolCalls(reply: Reply): Record<string, unknown> {
  const calls = reply.blocks.flatMap((block) =>
    block.type === 'toolUse'
      ? [
          {
            id: block.toolUseId,
            function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
          },
        ]
      : [],
  );
  return calls.length > 0 ? { tool_calls: calls } : {};
}

export function encodeChatResponse(reply: Reply): unknown {
  const message = { role: 'assistant', content: replyText(reply), ...toolCalls(reply) };
  return { choices: [{ index: 0, message, stop_reason: stopReason(reply) }], ...guardrailFields(reply) };
}

/** Text arrives delta by delta; Mistral sends tool calls whole, in the closing chunk with the stop reason. */
export function encodeChatStream(
  reply: Reply,
  usage: Usage,
  metrics: InvocationMetrics,
  ctx: NativeContext,
): unknown[] {
  const chunk = (message: Record<string, unknown>, stop: string | null) => ({
    choices: [{ index: 0, message: { role: 'assistant', ...message }, stop_reason: stop }],
  });
  const chunks: Record<string, unknown>[] = splitIntoDeltas(replyText(reply), ctx.wordsPerDelta).map((text) =>
    chunk({ content: text }, null),
  );
  chunks.push({
    ...chunk({ content: '', ...toolCalls(reply) }, stopReason(reply)),
    ...closingFields(reply, usage, metrics),
  });
  return chunks;
}
