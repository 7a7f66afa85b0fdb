import type { ConversationView, ViewBlock, ViewMessage } from '../conversation/types.js';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Decoded size of a Smithy blob member sent as base64 in JSON. */
function blobBytes(source: unknown): number {
  const bytes = asObject(source).bytes;
  return typeof bytes === 'string' ? Math.floor((bytes.length * 3) / 4) : 0;
}

function textOf(blocks: unknown[]): string {
  return blocks
    .map((b) => {
      const block = asObject(b);
      if (typeof block.text === 'string') return block.text;
      if (block.json !== undefined) return JSON.stringify(block.json);
      return '';
    })
    .join('');
}

/** One Converse ContentBlock (already validated against the Smithy model) as the emulator sees it. */
export function viewBlock(raw: unknown): ViewBlock | undefined {
  const block = asObject(raw);
  if (typeof block.text === 'string') return { kind: 'text', text: block.text };
  if (block.image) {
    const image = asObject(block.image);
    return { kind: 'image', format: String(image.format), bytes: blobBytes(image.source) };
  }
  if (block.document) {
    const doc = asObject(block.document);
    return {
      kind: 'document',
      format: String(doc.format),
      name: String(doc.name),
      bytes: blobBytes(doc.source),
    };
  }
  if (block.toolUse) {
    const use = asObject(block.toolUse);
    return { kind: 'toolUse', toolUseId: String(use.toolUseId), name: String(use.name), input: use.input };
  }
  if (block.toolResult) {
    const result = asObject(block.toolResult);
    return {
      kind: 'toolResult',
      toolUseId: String(result.toolUseId),
      text: textOf(asArray(result.content)),
      status: result.status === 'error' ? 'error' : 'success',
    };
  }
  if (block.reasoningContent) {
    const reasoning = asObject(asObject(block.reasoningContent).reasoningText);
    const signature = typeof reasoning.signature === 'string' ? reasoning.signature : undefined;
    return { kind: 'reasoning', text: String(reasoning.text ?? ''), ...(signature ? { signature } : {}) };
  }
  if (block.cachePoint) return { kind: 'cachePoint' };
  if (block.guardContent) {
    const text = asObject(asObject(block.guardContent).text).text;
    return { kind: 'text', text: typeof text === 'string' ? text : '' };
  }
  return undefined;
}

function viewBlocks(raw: unknown): ViewBlock[] {
  return asArray(raw).flatMap((b) => viewBlock(b) ?? []);
}

/** A Converse / ConverseStream request body as a ConversationView. */
export function converseView(input: Json): ConversationView {
  const messages: ViewMessage[] = asArray(input.messages).map((m) => {
    const message = asObject(m);
    return { role: message.role === 'assistant' ? 'assistant' : 'user', blocks: viewBlocks(message.content) };
  });
  const toolEntries = asArray(asObject(input.toolConfig).tools).map(asObject);
  const inference = asObject(input.inferenceConfig);
  const extra = asObject(input.additionalModelRequestFields);
  const thinking = asObject(extra.thinking ?? extra.reasoning_config ?? extra.reasoningConfig);
  return {
    system: viewBlocks(input.system),
    messages,
    tools: toolEntries.flatMap((t) => {
      const spec = asObject(t.toolSpec);
      return typeof spec.name === 'string' ? [spec.name] : [];
    }),
    toolCachePoints: toolEntries.filter((t) => t.cachePoint).length,
    ...(typeof inference.maxTokens === 'number' ? { maxTokens: inference.maxTokens } : {}),
    stopSequences: asArray(inference.stopSequences).filter((s): s is string => typeof s === 'string'),
    reasoning: thinking.type === 'enabled' || thinking.type === 'adaptive',
  };
}
