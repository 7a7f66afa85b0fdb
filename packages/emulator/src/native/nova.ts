/**
 * Amazon Nova (`amazon.nova-*`) through InvokeModel: a Converse-like `messages-v1` body in, a
 * Converse-like body out. The differences from Converse are in the usage names
 * (`cacheReadInputTokenCount`, `cacheWriteInputTokenCount`) and in the stream: each chunk is one
 * wrapped event (`{"contentBlockDelta": {…}}`), and the last, `metadata`, also carries Bedrock's metrics.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type {
  ConversationView,
  InvocationMetrics,
  Reply,
  ReplyBlock,
  Usage,
  ViewBlock,
} from '../conversation/types.js';
import type { NativeCodec, NativeContext } from './codec.js';
import { novaBody } from './nova-schema.js';
import { assertValid } from './schema.js';
import { base64Bytes, emptyView, textBlock } from './view.js';
import { closingFields, guardrailFields, splitJson } from './wire.js';

interface Source {
  bytes?: string;
}

interface NovaBlock {
  text?: string;
  image?: { format: string; source: Source };
  video?: { format: string; source: Source };
  document?: { format: string; name: string; source: Source };
  toolUse?: { toolUseId: string; name: string; input: unknown };
  toolResult?: {
    toolUseId: string;
    content: { text?: string; json?: unknown }[];
    status?: 'success' | 'error';
  };
  reasoningContent?: { reasoningText?: { text: string; signature?: string } };
  cachePoint?: unknown;
}

interface NovaRequest {
  system?: NovaBlock[];
  messages: { role: 'user' | 'assistant'; content: NovaBlock[] }[];
  inferenceConfig?: { maxTokens?: number; max_new_tokens?: number; stopSequences?: string[] };
  toolConfig?: { tools: { toolSpec?: { name: string }; cachePoint?: unknown }[] };
  reasoningConfig?: { type: string };
}

const sourceBytes = (source: Source): number => (source.bytes ? base64Bytes(source.bytes) : 0);

/** A Nova content block as a view block; video, which the view has no kind for, counts as a document. */
function decodeBlock(block: NovaBlock): ViewBlock {
  if (block.image)
    return { kind: 'image', format: block.image.format, bytes: sourceBytes(block.image.source) };
  if (block.document) {
    const { format, name, source } = block.document;
    return { kind: 'document', format, name, bytes: sourceBytes(source) };
  }
  if (block.video)
    return {
      kind: 'document',
      format: block.video.format,
      name: 'video',
      bytes: sourceBytes(block.video.source),
    };
  if (block.toolUse) return { kind: 'toolUse', ...block.toolUse };
  if (block.toolResult) {
    const { toolUseId, content, status } = block.toolResult;
    const text = content
      .map((part) => part.text ?? (part.json === undefined ? '' : JSON.stringify(part.json)))
      .join('');
    return { kind: 'toolResult', toolUseId, text, status: status ?? 'success' };
  }
  if (block.reasoningContent) {
    const reasoning = block.reasoningContent.reasoningText;
    return { kind: 'reasoning', text: reasoning?.text ?? '', signature: reasoning?.signature };
  }
  if (block.cachePoint) return { kind: 'cachePoint' };
  return textBlock(block.text ?? '');
}

function decodeRequest(body: unknown): ConversationView {
  assertValid(novaBody, body);
  const request = body as NovaRequest;
  const tools = request.toolConfig?.tools ?? [];
  const inference = request.inferenceConfig ?? {};
  return {
    ...emptyView(),
    system: (request.system ?? []).map(decodeBlock),
    messages: request.messages.map((message) => ({
      role: message.role,
      blocks: message.content.map(decodeBlock),
    })),
    tools: tools.flatMap((tool) => (tool.toolSpec ? [tool.toolSpec.name] : [])),
    toolCachePoints: tools.filter((tool) => tool.cachePoint !== undefined).length,
    maxTokens: inference.maxTokens ?? inference.max_new_tokens,
    stopSequences: inference.stopSequences ?? [],
    reasoning: request.reasoningConfig?.type === 'enabled',
  };
}

function encodeBlock(block: ReplyBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { text: block.text };
    case 'reasoning':
      return { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } };
    case 'redactedReasoning':
      return { reasoningContent: { redactedContent: block.data } };
    case 'toolUse':
      return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: block.input ?? {} } };
  }
}

function cacheCounts(usage: Usage): Record<string, number> {
  return {
    cacheReadInputTokenCount: usage.cacheReadInputTokens ?? 0,
    cacheWriteInputTokenCount: usage.cacheWriteInputTokens ?? 0,
  };
}

function encodeResponse(reply: Reply, usage: Usage): unknown {
  const cached = (usage.cacheReadInputTokens ?? 0) + (usage.cacheWriteInputTokens ?? 0);
  const totalTokens = usage.inputTokens + usage.outputTokens + cached;
  return {
    output: { message: { role: 'assistant', content: reply.blocks.map(encodeBlock) } },
    stopReason: reply.stopReason,
    usage: {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens,
      ...cacheCounts(usage),
    },
    ...guardrailFields(reply),
  };
}

/** The deltas of one block; a tool's name and id come first, in a `contentBlockStart`. */
function blockDeltas(block: ReplyBlock, wordsPerDelta: number): Record<string, unknown>[] {
  switch (block.type) {
    case 'text':
      return splitIntoDeltas(block.text, wordsPerDelta).map((text) => ({ text }));
    case 'reasoning': {
      const texts = splitIntoDeltas(block.text, wordsPerDelta).map((text) => ({
        reasoningContent: { text },
      }));
      return block.signature ? [...texts, { reasoningContent: { signature: block.signature } }] : texts;
    }
    case 'redactedReasoning':
      return [{ reasoningContent: { redactedContent: block.data } }];
    case 'toolUse':
      return splitJson(block.input).map((input) => ({ toolUse: { input } }));
  }
}

function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  const chunks: unknown[] = [{ messageStart: { role: 'assistant' } }];
  reply.blocks.forEach((block, contentBlockIndex) => {
    if (block.type === 'toolUse') {
      const start = { toolUse: { toolUseId: block.toolUseId, name: block.name } };
      chunks.push({ contentBlockStart: { start, contentBlockIndex } });
    }
    for (const delta of blockDeltas(block, ctx.wordsPerDelta)) {
      chunks.push({ contentBlockDelta: { delta, contentBlockIndex } });
    }
    chunks.push({ contentBlockStop: { contentBlockIndex } });
  });
  chunks.push(
    { messageStop: { stopReason: reply.stopReason } },
    {
      metadata: {
        usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, ...cacheCounts(usage) },
        metrics: {},
        trace: {},
      },
      ...closingFields(reply, usage, metrics),
    },
  );
  return chunks;
}

export const nova: NativeCodec = { family: 'nova', decodeRequest, encodeResponse, encodeStream };
