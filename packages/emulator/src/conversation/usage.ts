import { createHash } from 'node:crypto';
import type { ConversationView, Reply, Usage, ViewBlock } from './types.js';

/**
 * Deterministic token estimates. Not a real tokenizer: the emulator needs counts that are stable,
 * grow with the input, and are the same across Converse, InvokeModel and CountTokens.
 */
export function estimateTextTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Images count as Anthropic's formula would for a ~1 megapixel picture; documents by size. */
const IMAGE_TOKENS = 1600;
/** A tool definition's rough cost when only its name is known. */
const TOOL_TOKENS = 48;

export function blockTokens(block: ViewBlock): number {
  switch (block.kind) {
    case 'text':
      return estimateTextTokens(block.text);
    case 'image':
      return IMAGE_TOKENS;
    case 'document':
      return Math.max(1, Math.ceil(block.bytes / 6));
    case 'toolUse':
      return estimateTextTokens(block.name + JSON.stringify(block.input ?? {}));
    case 'toolResult':
      return estimateTextTokens(block.text) + 4;
    case 'reasoning':
      return estimateTextTokens(block.text);
    case 'cachePoint':
      return 0;
  }
}

export function replyTokens(reply: Reply): number {
  let tokens = 0;
  for (const block of reply.blocks) {
    if (block.type === 'text' || block.type === 'reasoning') tokens += estimateTextTokens(block.text);
    else if (block.type === 'toolUse') tokens += estimateTextTokens(block.name + JSON.stringify(block.input));
    else tokens += estimateTextTokens(block.data);
  }
  return Math.max(tokens, 1);
}

interface PromptPart {
  tokens: number;
  key: string;
  cachePoint: boolean;
}

/** The prompt in the order a prompt cache sees it: tools, then system, then messages. */
function promptParts(view: ConversationView): PromptPart[] {
  const parts: PromptPart[] = [];
  const push = (block: ViewBlock, prefix: string) =>
    parts.push({
      tokens: blockTokens(block),
      key: prefix + JSON.stringify(block),
      cachePoint: block.kind === 'cachePoint',
    });
  for (const name of view.tools) parts.push({ tokens: TOOL_TOKENS, key: `tool:${name}`, cachePoint: false });
  for (let i = 0; i < view.toolCachePoints; i++)
    parts.push({ tokens: 0, key: 'tools-cache', cachePoint: true });
  for (const block of view.system) push(block, 'system:');
  for (const message of view.messages) for (const block of message.blocks) push(block, `${message.role}:`);
  return parts;
}

export function inputTokens(view: ConversationView): number {
  // Every request costs a few tokens of framing, so no valid request counts as zero.
  let total = 3 + view.tools.length * TOOL_TOKENS;
  for (const block of view.system) total += blockTokens(block);
  for (const message of view.messages) for (const block of message.blocks) total += blockTokens(block);
  return total;
}

const hasCachePoint = (view: ConversationView): boolean =>
  view.toolCachePoints > 0 ||
  view.system.some((b) => b.kind === 'cachePoint') ||
  view.messages.some((m) => m.blocks.some((b) => b.kind === 'cachePoint'));

/**
 * Prompt caching as Bedrock bills it: each cache point closes a prefix; a prefix seen before (same
 * model, same content) is a cache read, the rest up to the last cache point is a cache write, and
 * `inputTokens` is only what follows. Prefixes shorter than the model's minimum are not cached.
 */
export class PromptCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly minTokens: number,
    private readonly capacity = 10_000,
  ) {}

  usage(modelId: string, view: ConversationView, outputTokens: number): Usage {
    // Hashing prefixes costs; a request without cache points has nothing to cache.
    if (!hasCachePoint(view)) return { inputTokens: inputTokens(view), outputTokens };
    const parts = promptParts(view);
    const prefixes: { hash: string; tokens: number }[] = [];
    const hash = createHash('sha256').update(modelId);
    let running = 0;
    for (const part of parts) {
      hash.update(part.key);
      running += part.tokens;
      if (part.cachePoint && running >= this.minTokens)
        prefixes.push({ hash: hash.copy().digest('hex'), tokens: running });
    }
    const total = running + 3;
    if (prefixes.length === 0) return { inputTokens: total, outputTokens };
    let read = 0;
    for (let i = prefixes.length - 1; i >= 0; i--) {
      const prefix = prefixes[i];
      if (prefix && this.seen.has(prefix.hash)) {
        read = prefix.tokens;
        break;
      }
    }
    const last = prefixes[prefixes.length - 1]?.tokens ?? 0;
    const write = last - read;
    for (const prefix of prefixes) this.remember(prefix.hash, prefix.tokens);
    return {
      inputTokens: total - read - write,
      outputTokens,
      cacheReadInputTokens: read,
      cacheWriteInputTokens: write,
    };
  }

  private remember(hash: string, tokens: number): void {
    if (this.seen.size >= this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(hash, tokens);
  }
}
