import { setTimeout as sleep } from 'node:timers/promises';
import { planCachePoints } from '../cache/index.js';
import { resolveSources } from '../content/resolve-sources.js';
import { jsonSchemaTools } from '../content/tool-schemas.js';
import { estimateCost } from '../cost/estimate-cost.js';
import { ModelStreamError, type StrataError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import { preflight } from '../preflight/index.js';
import type { BedrockTransport } from '../transport/bedrock-transport.js';
import { EventStreamSplitter } from '../transport/event-stream-reader.js';
import type { RetryPolicy } from '../transport/retry-policy.js';
import type { ChatEvent } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';
import { type CallPlan, type FrameDecoder, planCall } from './call-plan.js';
import type { BedrockOptions } from './options.js';
import { wholeReply } from './whole-reply.js';

/** The frames in a chunk; a frame that fails its CRC is a ModelStreamError with the output so far. */
function frames(splitter: EventStreamSplitter, chunk: Uint8Array, decoder: FrameDecoder) {
  try {
    return splitter.push(chunk);
  } catch (error) {
    throw new ModelStreamError(
      `Bedrock's event stream carried a corrupt frame (${(error as Error).message}). The partial output is on error.partial.`,
      {
        cause: error,
        retryable: true,
        partial: decoder.snapshot(),
      },
    );
  }
}

export interface StreamContext {
  transport: BedrockTransport;
  retry: RetryPolicy;
  resolve(id: string): Promise<ModelInfo>;
  options: BedrockOptions;
}

/** Prepares a request for the wire: sources loaded, preflight applied, cache points placed. */
export async function prepareRequest(
  ctx: StreamContext,
  request: ChatRequest,
  model: ModelInfo,
): Promise<ChatRequest> {
  const [messages, tools] = await Promise.all([
    resolveSources(request.messages, request.signal),
    jsonSchemaTools(request.tools),
  ]);
  const loaded = { ...request, messages, ...(tools ? { tools } : {}) };
  const { request: checked, diagnostics } = preflight(loaded, model, ctx.options.preflight ?? 'repair');
  for (const diagnostic of diagnostics) ctx.options.onDiagnostic?.(diagnostic);
  return ctx.options.cache === 'off' ? checked : planCachePoints(checked, model).request;
}

/** A model call ready to send: the model resolved, the request prepared, the wire format chosen. */
export interface PlannedCall {
  request: ChatRequest;
  model: ModelInfo;
  plan: CallPlan;
  /** The model cannot stream this request (tool use without streaming tool use, or no streaming at all). */
  wholeOnly: boolean;
}

export async function planChat(ctx: StreamContext, request: ChatRequest): Promise<PlannedCall> {
  const model = await ctx.resolve(request.model);
  const prepared = await prepareRequest(ctx, request, model);
  const { streaming, toolStreaming } = model.capabilities;
  return {
    request,
    model,
    plan: planCall(prepared, model, ctx.options.api ?? 'auto'),
    wholeOnly: !streaming || ((prepared.tools?.length ?? 0) > 0 && !toolStreaming),
  };
}

/**
 * `stream()`: the reply's events as they arrive — send (retrying until the first event reaches the
 * caller, never after), decode frames into ChatEvents, and end with a priced `usage` event, or a typed
 * error carrying the partial output, never a silent truncation. A model that cannot stream this
 * request (Bedrock would refuse it) answers with the whole reply's events at once instead. One
 * generator, however the call is planned: a second one delegating to it would cost every event a hop.
 */
export async function* streamChat(
  ctx: StreamContext,
  request: ChatRequest,
  planned?: PlannedCall,
): AsyncGenerator<ChatEvent, void, undefined> {
  const call = planned ?? (await planChat(ctx, request));
  if (call.wholeOnly) {
    yield* await wholeReply(ctx, call);
    return;
  }
  const { model, plan } = call;
  for (let attempt = 0; ; attempt++) {
    const open = await ctx.transport.open({
      service: 'runtime',
      region: model.region,
      method: 'POST',
      path: plan.stream.path,
      body: plan.body,
      headers: plan.stream.headers,
      modelId: model.invokeId,
      ...(model.routedVia ? { suggestedProfile: model.routedVia } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const decoder = plan.stream.decoder({
      model: model.invokeId,
      ...(open.requestId ? { requestId: open.requestId } : {}),
    });
    const splitter = new EventStreamSplitter();
    let delivered = false;
    let failure: StrataError | undefined;
    try {
      for await (const chunk of open.body) {
        open.watchdog.touch();
        for (const message of frames(splitter, chunk as Uint8Array, decoder)) {
          if (message.messageType !== 'event') throw decoder.exception(message.type, message.payload);
          for (const event of decoder.event(message.type, message.payload)) {
            delivered = true;
            yield event;
          }
        }
      }
      const end = decoder.finish();
      if (!end.complete || splitter.pending > 0) {
        throw new ModelStreamError(
          'The stream ended before the model finished (no message stop or usage arrived): the connection or HTTP/2 stream was cut. The partial output is on error.partial.',
          {
            partial: decoder.snapshot(),
            retryable: true,
            ...(open.requestId ? { requestId: open.requestId } : {}),
          },
        );
      }
      if (end.usage) {
        const usage = end.usage;
        yield {
          type: 'usage',
          usage,
          cost: estimateCost(usage, model),
          ...(end.latencyMs !== undefined ? { latencyMs: end.latencyMs } : {}),
        };
      }
      return;
    } catch (error) {
      failure = ctx.transport.transportFailure(error, open.watchdog, request.signal, decoder.snapshot());
    } finally {
      open.watchdog.dispose();
      if (!open.body.destroyed) open.body.destroy();
    }
    const retryAfterMs = (failure as { retryAfterMs?: number }).retryAfterMs;
    const delay = !delivered && failure.retryable ? ctx.retry.nextDelay(attempt, retryAfterMs) : undefined;
    if (delay === undefined) throw failure;
    await sleep(delay, undefined, request.signal ? { signal: request.signal } : {});
  }
}
