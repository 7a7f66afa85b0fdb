import type { ContentBlock, SystemBlock } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockPath, isReasoning, withContent } from './blocks.js';
import type { RuleContext } from './context.js';

/** Bedrock's limit on cache points per request, system, tools and messages together. */
export const MAX_CACHE_POINTS = 4;

/**
 * Cache points Bedrock cannot honour: any on a model without prompt caching, and one that marks
 * nothing — first in its message or system prompt, right after another cache point, or right after a
 * reasoning block, which cannot be cached ("There is nothing available to cache. Please remove the
 * invalid cache point and try again.", vercel-ai fixture amazon-bedrock-cache-point-only-assistant-error.json).
 */
export function cleanCachePoints(request: ChatRequest, context: RuleContext): ChatRequest {
  const supported = context.model.capabilities.cachePoints;
  const keep = (previous: ContentBlock | SystemBlock | undefined, path: string): boolean => {
    if (!supported) {
      context.issue({
        code: 'cache-points-unsupported',
        path,
        problem: `${context.model.name} does not support prompt caching.`,
        repaired: 'Removed the cache point.',
        fix: 'Remove cache points for this model.',
      });
      return false;
    }
    if (previous !== undefined && previous.type !== 'cache-point' && !isReasoning(previous)) return true;
    context.issue({
      code: 'cache-point-misplaced',
      path,
      problem:
        'A cache point must follow the content it caches (text, media or a tool block) in the same message.',
      repaired: 'Removed it.',
      fix: 'Put cache points after content, never first, twice in a row, or after a reasoning block.',
    });
    return false;
  };
  const messages = request.messages.map((message, i) => {
    const content = message.content.filter(
      (block, j) => block.type !== 'cache-point' || keep(message.content[j - 1], blockPath(i, j)),
    );
    return withContent(message, content);
  });
  const next = { ...request, messages };
  if (Array.isArray(request.system)) {
    const system = request.system;
    const kept = system.filter(
      (block, j) => block.type !== 'cache-point' || keep(system[j - 1], `system.${j}`),
    );
    if (kept.length !== system.length) next.system = kept;
  }
  return next;
}

/**
 * More than four cache points: keep the last four. A later cache point caches a longer prefix, and
 * Claude also looks back about 20 blocks from each point for an earlier hit, so the latest points
 * save the most.
 */
export function limitCachePoints(request: ChatRequest, context: RuleContext): ChatRequest {
  const systemPoints = Array.isArray(request.system)
    ? request.system.filter((block) => block.type === 'cache-point').length
    : 0;
  const messagePoints = request.messages.reduce(
    (sum, message) => sum + message.content.filter((block) => block.type === 'cache-point').length,
    0,
  );
  const total = systemPoints + messagePoints;
  let excess = total - MAX_CACHE_POINTS;
  if (excess <= 0) return request;
  const drop = (path: string): boolean => {
    if (excess <= 0) return false;
    excess--;
    context.issue({
      code: 'too-many-cache-points',
      path,
      problem: `The request has ${total} cache points; Bedrock accepts at most ${MAX_CACHE_POINTS}.`,
      repaired: 'Removed this one, among the earliest; the last four stay.',
      fix: `Use at most ${MAX_CACHE_POINTS} cache points across system and messages.`,
    });
    return true;
  };
  const next = { ...request };
  if (Array.isArray(request.system)) {
    next.system = request.system.filter((block, j) => block.type !== 'cache-point' || !drop(`system.${j}`));
  }
  next.messages = request.messages.map((message, i) =>
    withContent(
      message,
      message.content.filter((block, j) => block.type !== 'cache-point' || !drop(blockPath(i, j))),
    ),
  );
  return next;
}
