import { type FoundationModelEntry, resolveModelIdentifier } from '../catalog/index.js';
import type { ConversationView } from '../conversation/types.js';
import { inputTokens } from '../conversation/usage.js';
import { malformedInput, validationError } from '../errors/emulator-error.js';
import { chunkFrame, eventFrame } from '../eventstream/frames.js';
import type { Fault } from '../faults/fault.js';
import type { NativeCodec, NativeContext } from '../native/codec.js';
import { codecFor } from '../native/index.js';
import { checkConverseRules } from './business-rules.js';
import type { RuntimeContext } from './context.js';
import { converseBody, converseStreamEvents, guardrailTrace } from './converse-output.js';
import { converseView } from './converse-view.js';
import { produceReply } from './produce-reply.js';

type Json = Record<string, unknown>;

/** What a runtime handler answers: a JSON body (Converse's or a native one), or event-stream frames. */
export type RuntimeResult =
  | { kind: 'json'; body: unknown; headers: Record<string, string>; fault?: Fault }
  | { kind: 'stream'; frames: Uint8Array[]; headers: Record<string, string>; fault?: Fault };

export interface RuntimeCall {
  operation: string;
  input: Json;
  headerFault?: Fault;
  startedAt: number;
}

function resolve(ctx: RuntimeContext, input: Json, noInvocation = false): FoundationModelEntry {
  return resolveModelIdentifier(String(input.modelId), {
    region: ctx.region,
    catalog: ctx.catalog,
    noInvocation,
  }).model;
}

/** Checks the model can take this request at all: tools, streaming, context window. */
function checkModelLimits(
  model: FoundationModelEntry,
  view: ConversationView,
  streaming: boolean,
  native: boolean,
): void {
  if (view.tools.length > 0 && !model.tools) throw validationError("This model doesn't support tool use.");
  if (streaming && !model.streaming) throw validationError('The model is unsupported for streaming.');
  // ConverseStream only (models that call tools through Converse alone); native bodies are not checked.
  if (streaming && !native && view.tools.length > 0 && !model.toolStreaming) {
    throw validationError("This model doesn't support tool use in streaming mode.");
  }
  const tokens = inputTokens(view);
  if (tokens > model.contextWindow) {
    throw validationError(
      native && model.family === 'anthropic-messages'
        ? `prompt is too long: ${tokens} tokens > ${model.contextWindow} maximum`
        : 'Input is too long for requested model.',
    );
  }
}

function converseModel(ctx: RuntimeContext, input: Json): FoundationModelEntry {
  const model = resolve(ctx, input);
  if (!model.converse) {
    throw validationError(
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    );
  }
  return model;
}

export function converse(ctx: RuntimeContext, call: RuntimeCall): RuntimeResult {
  const model = converseModel(ctx, call.input);
  const view = converseView(call.input);
  checkConverseRules(call.input, view);
  checkModelLimits(model, view, false, false);
  const { reply, usage, fault } = produceReply(ctx, view, model.modelId, call.operation, call.headerFault);
  const body = converseBody(reply, usage, Date.now() - call.startedAt + 1, guardrailTrace(call.input, reply));
  return { kind: 'json', body, headers: {}, ...(fault ? { fault } : {}) };
}

export function converseStream(ctx: RuntimeContext, call: RuntimeCall): RuntimeResult {
  const model = converseModel(ctx, call.input);
  const view = converseView(call.input);
  checkConverseRules(call.input, view);
  checkModelLimits(model, view, true, false);
  const { reply, usage, fault } = produceReply(ctx, view, model.modelId, call.operation, call.headerFault);
  const events = converseStreamEvents(
    reply,
    usage,
    Date.now() - call.startedAt + 1,
    ctx.wordsPerDelta,
    guardrailTrace(call.input, reply),
  );
  const frames = events.map(([type, payload]) => eventFrame(type, payload));
  return { kind: 'stream', frames, headers: {}, ...(fault ? { fault } : {}) };
}

function nativeRequest(ctx: RuntimeContext, call: RuntimeCall, streaming: boolean) {
  const model = resolve(ctx, call.input);
  const codec: NativeCodec = codecFor(model.family);
  // The content type is not checked: the JS SDK sends application/octet-stream unless told otherwise,
  // and Bedrock parses the body as JSON either way.
  const raw = call.input.body;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw ?? ''));
  } catch {
    throw malformedInput('#: expected type: JSONObject, found: String');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw malformedInput(
      `#: expected type: JSONObject, found: ${Array.isArray(body) ? 'JSONArray' : typeof body}`,
    );
  }
  const view = codec.decodeRequest(body);
  checkModelLimits(model, view, streaming, true);
  const produced = produceReply(ctx, view, model.modelId, call.operation, call.headerFault);
  const nativeCtx: NativeContext = {
    modelId: model.modelId,
    responseId: produced.responseId,
    wordsPerDelta: ctx.wordsPerDelta,
    requestBody: body,
    ...(produced.reply.stopSequence !== undefined ? { stopSequence: produced.reply.stopSequence } : {}),
  };
  return { model, codec, produced, nativeCtx };
}

export function invokeModel(ctx: RuntimeContext, call: RuntimeCall): RuntimeResult {
  const { codec, produced, nativeCtx } = nativeRequest(ctx, call, false);
  const { usage, fault } = produced;
  const latency = Date.now() - call.startedAt + 1;
  const body = codec.encodeResponse(produced.reply, usage, nativeCtx);
  const headers = {
    'x-amzn-bedrock-input-token-count': String(usage.inputTokens),
    'x-amzn-bedrock-output-token-count': String(usage.outputTokens),
    'x-amzn-bedrock-invocation-latency': String(latency),
    ...(usage.cacheReadInputTokens !== undefined
      ? { 'x-amzn-bedrock-cache-read-input-token-count': String(usage.cacheReadInputTokens) }
      : {}),
    ...(usage.cacheWriteInputTokens !== undefined
      ? { 'x-amzn-bedrock-cache-write-input-token-count': String(usage.cacheWriteInputTokens) }
      : {}),
  };
  return { kind: 'json', body, headers, ...(fault ? { fault } : {}) };
}

export function invokeModelWithResponseStream(ctx: RuntimeContext, call: RuntimeCall): RuntimeResult {
  const { codec, produced, nativeCtx } = nativeRequest(ctx, call, true);
  const latency = Date.now() - call.startedAt + 1;
  const chunks = codec.encodeStream(
    produced.reply,
    produced.usage,
    { invocationLatency: latency, firstByteLatency: latency },
    nativeCtx,
  );
  const headers = { 'x-amzn-bedrock-content-type': 'application/json' };
  return {
    kind: 'stream',
    frames: chunks.map(chunkFrame),
    headers,
    ...(produced.fault ? { fault: produced.fault } : {}),
  };
}

/** Models whose CountTokens Bedrock serves: the Anthropic Messages family. */
const countsTokens = (model: FoundationModelEntry): boolean => model.family === 'anthropic-messages';

export function countTokens(ctx: RuntimeContext, call: RuntimeCall): RuntimeResult {
  const model = resolve(ctx, call.input, true);
  if (!countsTokens(model)) {
    throw validationError("The provided model doesn't support counting tokens.");
  }
  const wrapped = (call.input.input ?? {}) as Json;
  let view: ConversationView;
  if (wrapped.converse) {
    const converseInput = wrapped.converse as Json;
    view = converseView(converseInput);
    checkConverseRules(converseInput, view);
  } else {
    const invoke = (wrapped.invokeModel ?? {}) as Json;
    const decoded = Buffer.from(String(invoke.body ?? ''), 'base64').toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(decoded);
    } catch {
      throw malformedInput('#: expected type: JSONObject, found: String');
    }
    view = codecFor(model.family).decodeRequest(body);
  }
  return { kind: 'json', body: { inputTokens: inputTokens(view) }, headers: {} };
}

export const RUNTIME_HANDLERS: Record<string, (ctx: RuntimeContext, call: RuntimeCall) => RuntimeResult> = {
  Converse: converse,
  ConverseStream: converseStream,
  InvokeModel: invokeModel,
  InvokeModelWithResponseStream: invokeModelWithResponseStream,
  CountTokens: countTokens,
};
