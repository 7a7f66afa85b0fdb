import { toConverse } from '../converse/to-converse.js';
import type { ChatRequest } from '../types/request.js';
import { modelPath } from './endpoints.js';
import type { TokenCount } from './options.js';
import { prepareRequest, type StreamContext } from './stream-chat.js';

/** About four characters a token: the documented estimate for models Bedrock cannot count for. */
export function estimateTokens(request: ChatRequest): number {
  const system = typeof request.system === 'string' ? request.system : JSON.stringify(request.system ?? '');
  const text = system + JSON.stringify(request.messages) + JSON.stringify(request.tools ?? []);
  return Math.ceil(text.length / 4);
}

/**
 * Bedrock's CountTokens (free; Claude models) with the exact request a chat would send, or the
 * estimate where the model has no counter.
 */
export async function countTokens(ctx: StreamContext, request: ChatRequest): Promise<TokenCount> {
  const model = await ctx.resolve(request.model);
  if (model.family !== 'anthropic-messages')
    return { inputTokens: estimateTokens(request), source: 'estimate' };
  const prepared = await prepareRequest(ctx, request, model);
  const converse = toConverse(prepared, model);
  const input = {
    converse: { messages: converse.messages, ...(converse.system ? { system: converse.system } : {}) },
  };
  const { body } = await ctx.transport.json({
    service: 'runtime',
    region: model.region,
    method: 'POST',
    // CountTokens takes the foundation model, not a profile.
    path: modelPath(model.baseModelId, 'count-tokens'),
    body: JSON.stringify({ input }),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  return { inputTokens: Number((body as { inputTokens?: number }).inputTokens ?? 0), source: 'count-tokens' };
}
