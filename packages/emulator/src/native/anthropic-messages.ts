/**
 * Claude 3+ through InvokeModel: the Anthropic Messages body (`anthropic_version: "bedrock-2023-05-31"`)
 * in, Anthropic's message object and streaming events out. The streaming encoder lives in
 * anthropic-stream.ts.
 */
import type {
  ConversationView,
  Reply,
  ReplyBlock,
  Usage,
  ViewBlock,
  ViewMessage,
} from '../conversation/types.js';
import { malformedInput, validationError } from '../errors/emulator-error.js';
import { ANTHROPIC_VERSIONS, messagesBody, messagesDetail, textCompletionBody } from './anthropic-schema.js';
import { encodeAnthropicStream } from './anthropic-stream.js';
import {
  anthropicMessageId,
  anthropicModelName,
  anthropicStopReason,
  anthropicUsage,
  stopSequenceOf,
} from './anthropic-wire.js';
import type { NativeCodec, NativeContext } from './codec.js';
import { isObject, joinedDetail, validate } from './schema.js';
import { base64Bytes, emptyView, textBlock } from './view.js';
import { guardrailFields } from './wire.js';

interface Block {
  type: string;
  cache_control?: unknown;
  text?: string;
  source?: { type: string; media_type?: string; data?: string; content?: unknown };
  title?: string;
  id?: string;
  name?: string;
  input?: unknown;
  tool_use_id?: string;
  content?: string | Block[];
  is_error?: boolean;
  thinking?: string;
  signature?: string;
}

interface MessagesRequest {
  anthropic_version: string;
  max_tokens: number;
  system?: string | Block[];
  messages: { role: 'user' | 'assistant'; content: string | Block[] }[];
  stop_sequences?: string[];
  tools?: { type?: string; name: string; input_schema?: unknown; cache_control?: unknown }[];
  thinking?: { type: string };
}

function decodeRequest(body: unknown): ConversationView {
  // Without `messages` Bedrock judges the body as a text completion and quotes that branch's violations
  // (`#: required key [prompt] not found#: required key [max_tokens_to_sample] not found…`).
  if (isObject(body) && !('messages' in body)) {
    const text = validate(textCompletionBody, body);
    const missing = { pointer: '#', message: 'required key [messages] not found' };
    throw malformedInput(joinedDetail(text.length > 0 ? text : [missing]));
  }
  const violations = validate(messagesBody, body);
  const request = body as MessagesRequest;
  // Custom tools (those without an Anthropic-defined `type`) must describe their input.
  if (violations.length === 0) {
    request.tools?.forEach((tool, i) => {
      if ((tool.type === undefined || tool.type === 'custom') && tool.input_schema === undefined) {
        violations.push({ pointer: `#/tools/${i}`, message: 'required key [input_schema] not found' });
      }
    });
  }
  if (violations.length > 0) throw malformedInput(messagesDetail(violations));
  // The version is a plain string in the schema and checked afterwards (boto3 issue #4218 quotes it).
  if (!ANTHROPIC_VERSIONS.includes(request.anthropic_version)) {
    throw validationError(`Invalid API version: ${request.anthropic_version}`);
  }
  const tools = request.tools ?? [];
  return {
    ...emptyView(),
    system: decodeContent(request.system ?? []),
    messages: request.messages.map((m): ViewMessage => ({ role: m.role, blocks: decodeContent(m.content) })),
    tools: tools.map((tool) => tool.name),
    toolCachePoints: tools.filter((tool) => tool.cache_control !== undefined).length,
    maxTokens: request.max_tokens,
    stopSequences: request.stop_sequences ?? [],
    reasoning: request.thinking?.type === 'enabled',
  };
}

/** Content as view blocks; a `cache_control` marker becomes a cache point right after its block. */
function decodeContent(content: string | Block[]): ViewBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [textBlock(content)];
  return content.flatMap((block) => {
    const decoded = decodeBlock(block);
    return block.cache_control === undefined ? [decoded] : [decoded, { kind: 'cachePoint' }];
  });
}

function decodeBlock(block: Block): ViewBlock {
  switch (block.type) {
    case 'image':
      return {
        kind: 'image',
        format: block.source!.media_type!.replace('image/', ''),
        bytes: base64Bytes(block.source!.data!),
      };
    case 'document':
      return decodeDocument(block);
    case 'tool_use':
      return { kind: 'toolUse', toolUseId: block.id!, name: block.name!, input: block.input };
    case 'tool_result':
      return {
        kind: 'toolResult',
        toolUseId: block.tool_use_id!,
        text: resultText(block.content),
        status: block.is_error ? 'error' : 'success',
      };
    case 'thinking':
      return { kind: 'reasoning', text: block.thinking!, signature: block.signature };
    // Redacted thinking has no readable text; it still counts as a reasoning turn.
    case 'redacted_thinking':
      return { kind: 'reasoning', text: '' };
    default:
      return textBlock(block.text!);
  }
}

function decodeDocument(block: Block): ViewBlock {
  const source = block.source!;
  const name = block.title ?? 'document';
  if (source.type === 'base64')
    return { kind: 'document', format: 'pdf', name, bytes: base64Bytes(source.data!) };
  if (source.type === 'text')
    return { kind: 'document', format: 'txt', name, bytes: Buffer.byteLength(source.data!) };
  return {
    kind: 'document',
    format: 'content',
    name,
    bytes: Buffer.byteLength(JSON.stringify(source.content)),
  };
}

function resultText(content: string | Block[] | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((block) => (block.type === 'text' ? block.text! : '')).join('');
}

function encodeBlock(block: ReplyBlock): Record<string, unknown> {
  switch (block.type) {
    case 'reasoning':
      return { type: 'thinking', thinking: block.text, signature: block.signature };
    case 'redactedReasoning':
      return { type: 'redacted_thinking', data: block.data };
    case 'toolUse':
      return { type: 'tool_use', id: block.toolUseId, name: block.name, input: block.input ?? {} };
    case 'text':
      return { type: 'text', text: block.text };
  }
}

function encodeResponse(reply: Reply, usage: Usage, ctx: NativeContext): unknown {
  return {
    id: anthropicMessageId(ctx),
    type: 'message',
    role: 'assistant',
    model: anthropicModelName(ctx.modelId),
    content: reply.blocks.map(encodeBlock),
    stop_reason: anthropicStopReason(reply.stopReason),
    stop_sequence: stopSequenceOf(reply, ctx),
    usage: anthropicUsage(usage),
    ...guardrailFields(reply),
  };
}

export const anthropicMessages: NativeCodec = {
  family: 'anthropic-messages',
  decodeRequest,
  encodeResponse,
  encodeStream: encodeAnthropicStream,
};
