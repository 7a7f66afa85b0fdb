import { replayReply } from '../converse/replay-reply.js';
import { estimateCost } from '../cost/estimate-cost.js';
import { ProviderError } from '../errors/strata-error.js';
import { header } from '../transport/bedrock-transport.js';
import type { ChatEvent } from '../types/events.js';
import type { PlannedCall, StreamContext } from './stream-chat.js';

/**
 * The model call answered in one piece (Converse, InvokeModel), as the events a stream of it would have
 * carried, ending with the priced `usage`. Nothing reaches the caller before the whole reply has, so
 * every retryable failure is retried, a cut body included.
 */
export async function wholeReply(
  ctx: StreamContext,
  { request, model, plan }: PlannedCall,
): Promise<ChatEvent[]> {
  const reply = await ctx.transport.json({
    service: 'runtime',
    region: model.region,
    method: 'POST',
    path: plan.whole.path,
    body: plan.body,
    headers: plan.whole.headers,
    modelId: model.invokeId,
    wholeReply: true,
    ...(model.routedVia ? { suggestedProfile: model.routedVia } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const { requestId } = reply;
  const decoded = plan.whole.decode(reply.body, (name) => header(reply.headers, name));
  if (!decoded.complete) {
    throw new ProviderError(
      `Bedrock answered ${model.invokeId} with a body that is not a model reply (no message or stop reason). Retry; if it persists, check the endpoint is Bedrock Runtime.`,
      { retryable: false, ...(requestId ? { requestId } : {}) },
    );
  }
  const events = replayReply(decoded, { model: model.invokeId, ...(requestId ? { requestId } : {}) });
  events.push({
    type: 'usage',
    usage: decoded.usage,
    cost: estimateCost(decoded.usage, model),
    ...(decoded.latencyMs !== undefined ? { latencyMs: decoded.latencyMs } : {}),
  });
  return events;
}
