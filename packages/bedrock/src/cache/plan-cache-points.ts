import type { ModelInfo } from '../models/model-info.js';
import { MAX_CACHE_POINTS } from '../preflight/cache-points.js';
import type { Message, SystemBlock } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockTokens, type EstimateTokens, toolTokens } from './prefix-tokens.js';

/** Whether the client places cache points itself (`auto`) or leaves them to the caller (`off`). */
export type CachePolicy = 'auto' | 'off';

/** A cache point the planner added: where, and how many tokens (estimated) the prefix it closes holds. */
export interface PlacedCachePoint {
  path: string;
  prefixTokens: number;
}

/** Claude Sonnet's and Opus's smallest cacheable prefix, used when the registry gives none. */
export const DEFAULT_MIN_CACHE_TOKENS = 1024;

/** A place a cache point could close a prefix: the end of the system prompt, or of one message. */
interface Spot {
  target: 'system' | number;
  tokens: number;
}

/**
 * Places cache points where they pay, on a request preflight has already settled.
 *
 * How caching works (Anthropic's prompt-caching docs; Bedrock's "Prompt caching for faster model
 * inference"): the prompt is one prefix in the order tools → system → messages; a cache point asks
 * the service to cache everything before it; a later request that starts with the same prefix reads
 * it back at a tenth of the input price, while writing costs a quarter more. Entries live five
 * minutes, renewed by each hit. At most four points per request. A point caches only if its stretch
 * of prompt, since the previous point, holds the model's minimum (1,024 tokens for Claude Sonnet and
 * Opus, more for Haiku; Bedrock: "your first cache checkpoint can be defined after 1,024 tokens and
 * your second cache checkpoint can be defined after 2,048 tokens"); a point short of it is ignored,
 * silently. From each point Claude also looks back about 20 blocks for an earlier cached prefix.
 *
 * Where, in order of worth, until the four are used (the caller's own points count):
 * 1. the last assistant message before the final user turn — the longest prefix that the next
 *    request repeats, written now and read next turn;
 * 2. the end of the system prompt — it covers the tools too (they come first), changes least, and is
 *    shared by every conversation with the same tools and instructions (the request types have no
 *    place for a point inside the tools, so this one caches them);
 * 3. the assistant message before that — where the previous request wrote, so this one reads it even
 *    when a long tool loop put it beyond the 20-block look-back.
 *
 * Pure and deterministic; `estimateTokens` defaults to four characters a token.
 */
export function planCachePoints(
  request: ChatRequest,
  model: ModelInfo,
  estimateTokens: EstimateTokens = (text) => Math.ceil(text.length / 4),
): { request: ChatRequest; placed: PlacedCachePoint[] } {
  if (!model.capabilities.cachePoints) return { request, placed: [] };
  const minimum = model.capabilities.minCacheTokens ?? DEFAULT_MIN_CACHE_TOKENS;
  const { existing, candidates } = survey(request, estimateTokens);
  const room = MAX_CACHE_POINTS - existing.length;
  const chosen: Spot[] = [];
  for (const spot of candidates) {
    if (chosen.length >= room) break;
    if (paysOff(spot, [...existing, ...chosen.map((c) => c.tokens)], minimum)) chosen.push(spot);
  }
  if (chosen.length === 0) return { request, placed: [] };
  return place(request, chosen);
}

/**
 * The prefix length at each existing cache point, and the candidate spots in order of worth, each
 * with its prefix length. A spot qualifies if no point closes it already and its last block can
 * carry one (not reasoning, which cannot be cached).
 */
function survey(request: ChatRequest, estimate: EstimateTokens): { existing: number[]; candidates: Spot[] } {
  const existing: number[] = [];
  let tokens = toolTokens(request.tools, estimate);
  const system =
    typeof request.system === 'string' ? [{ type: 'text' as const, text: request.system }] : request.system;
  for (const block of system ?? []) {
    if (block.type === 'cache-point') existing.push(tokens);
    tokens += blockTokens(block, estimate);
  }
  const systemSpot: Spot | undefined =
    system !== undefined && system.at(-1)?.type === 'text' ? { target: 'system', tokens } : undefined;
  const ends = request.messages.map((message) => {
    for (const block of message.content) {
      if (block.type === 'cache-point') existing.push(tokens);
      tokens += blockTokens(block, estimate);
    }
    return tokens;
  });
  const open = (index: number): Spot | undefined => {
    const last = request.messages[index]?.content.at(-1);
    const closable =
      last !== undefined && !['cache-point', 'reasoning', 'redacted-reasoning'].includes(last.type);
    return closable ? { target: index, tokens: ends[index]! } : undefined;
  };
  const finalUser = request.messages.findLastIndex((message) => message.role === 'user');
  const lastReply = previousAssistant(request.messages, finalUser);
  const earlierReply = lastReply === undefined ? undefined : previousAssistant(request.messages, lastReply);
  const candidates = [
    lastReply === undefined ? undefined : open(lastReply),
    systemSpot,
    earlierReply === undefined ? undefined : open(earlierReply),
  ];
  return { existing, candidates: candidates.filter((spot) => spot !== undefined) };
}

function previousAssistant(messages: readonly Message[], before: number): number | undefined {
  for (let i = before - 1; i >= 0; i--) if (messages[i]?.role === 'assistant') return i;
  return undefined;
}

/**
 * A new point pays off if the stretch it closes holds the minimum, and it leaves the stretch of the
 * next point after it (new or the caller's) holding the minimum too.
 */
function paysOff(spot: Spot, points: number[], minimum: number): boolean {
  if (points.includes(spot.tokens)) return false;
  const before = Math.max(0, ...points.filter((p) => p < spot.tokens));
  const after = Math.min(...points.filter((p) => p > spot.tokens));
  return spot.tokens - before >= minimum && (after === Infinity || after - spot.tokens >= minimum);
}

function place(request: ChatRequest, spots: Spot[]): { request: ChatRequest; placed: PlacedCachePoint[] } {
  const next = { ...request };
  const placed: PlacedCachePoint[] = [];
  for (const spot of [...spots].sort((a, b) => a.tokens - b.tokens)) {
    if (spot.target === 'system') {
      const system: SystemBlock[] =
        typeof request.system === 'string'
          ? [{ type: 'text', text: request.system }]
          : [...(request.system ?? [])];
      placed.push({ path: `system.${system.length}`, prefixTokens: spot.tokens });
      next.system = [...system, { type: 'cache-point' }];
      continue;
    }
    const index = spot.target;
    const message = request.messages[index]!;
    placed.push({ path: `messages.${index}.content.${message.content.length}`, prefixTokens: spot.tokens });
    next.messages = next.messages.map((m, i) =>
      i === index ? { ...m, content: [...m.content, { type: 'cache-point' }] } : m,
    );
  }
  return { request: next, placed };
}
