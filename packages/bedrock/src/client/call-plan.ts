import { ConverseStreamDecoder } from '../converse/converse-stream-decoder.js';
import type { DecodedResponse } from '../converse/decoded.js';
import { fromConverseResponse } from '../converse/from-converse.js';
import { readTextDelta } from '../converse/read-text-delta.js';
import type { StreamDecoderOptions, StreamEnd } from '../converse/stream-assembler.js';
import { toConverse } from '../converse/to-converse.js';
import type { PartialOutput, StrataError } from '../errors/strata-error.js';
import type { ModelInfo } from '../models/model-info.js';
import { nativeCodecFor, usageFromInvokeHeaders } from '../native/index.js';
import type { ChatEvent } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';
import { modelPath } from './endpoints.js';

/** One stream decoder, whichever wire format: fed frames, it yields ChatEvents. */
export interface FrameDecoder {
  event(type: string, payload: Buffer): ChatEvent[];
  exception(type: string, payload: Buffer): StrataError;
  finish(): StreamEnd;
  snapshot(): PartialOutput;
}

/** A response header by lower-case name. */
export type HeaderOf = (name: string) => string | undefined;

export interface CallPlan {
  api: 'converse' | 'invoke';
  body: string;
  /** ConverseStream or InvokeModelWithResponseStream. */
  stream: {
    path: string;
    headers: Record<string, string>;
    decoder(options: StreamDecoderOptions): FrameDecoder;
  };
  /** Converse or InvokeModel: the reply in one piece. */
  whole: {
    path: string;
    headers: Record<string, string>;
    decode(body: unknown, header: HeaderOf): DecodedResponse;
  };
}

const parse = (payload: Buffer): unknown => JSON.parse(payload.toString('utf8'));

/**
 * How to send one request to one model — Converse, or the family's native InvokeModel body — streamed
 * or whole, and how to read each answer back.
 */
export function planCall(
  request: ChatRequest,
  model: ModelInfo,
  api: 'auto' | 'converse' | 'invoke',
): CallPlan {
  const chosen = api === 'auto' ? model.api : api;
  if (chosen === 'converse') {
    return {
      api: 'converse',
      body: JSON.stringify(toConverse(request, model)),
      stream: {
        path: modelPath(model.invokeId, 'converse-stream'),
        headers: { accept: 'application/vnd.amazon.eventstream' },
        decoder(options) {
          const d = new ConverseStreamDecoder(options);
          return {
            event: (type, payload) =>
              d.push(type, (type === 'contentBlockDelta' && readTextDelta(payload)) || parse(payload)),
            exception: (type, payload) => d.exception(type, parse(payload)),
            finish: () => d.finish(),
            snapshot: () => d.snapshot(),
          };
        },
      },
      whole: {
        path: modelPath(model.invokeId, 'converse'),
        headers: {},
        decode: (body) => fromConverseResponse(body),
      },
    };
  }
  const codec = nativeCodecFor(model.family);
  return {
    api: 'invoke',
    body: JSON.stringify(codec.encodeRequest(request, model)),
    stream: {
      path: modelPath(model.invokeId, 'invoke-with-response-stream'),
      headers: {
        accept: 'application/vnd.amazon.eventstream',
        'x-amzn-bedrock-accept': 'application/json',
      },
      decoder(options) {
        const d = codec.streamDecoder(options);
        return {
          // Each chunk frame carries one native chunk as base64 JSON in `bytes`.
          event: (type, payload) => {
            if (type !== 'chunk') return [];
            const bytes = (parse(payload) as { bytes?: string }).bytes ?? '';
            return d.decodeChunk(JSON.parse(Buffer.from(bytes, 'base64').toString('utf8')));
          },
          exception: (type, payload) => d.exception(type, parse(payload)),
          finish: () => d.finish(),
          snapshot: () => d.snapshot(),
        };
      },
    },
    whole: {
      path: modelPath(model.invokeId, 'invoke'),
      headers: {},
      // Native bodies often carry no token counts; the response headers carry what Bedrock bills.
      decode(body, header) {
        const reply = codec.decodeResponse(body);
        const usage = usageFromInvokeHeaders(header);
        if (usage) reply.usage = usage;
        const latencyMs = Number(header('x-amzn-bedrock-invocation-latency'));
        if (reply.latencyMs === undefined && Number.isFinite(latencyMs) && latencyMs > 0) {
          reply.latencyMs = latencyMs;
        }
        return reply;
      },
    },
  };
}
