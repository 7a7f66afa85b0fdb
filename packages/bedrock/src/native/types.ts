import type { DecodedResponse, DecoderNote } from '../converse/decoded.js';
import type { StreamDecoderOptions, StreamEnd } from '../converse/stream-assembler.js';
import type { PartialOutput, StrataError } from '../errors/strata-error.js';
import type { ModelFamily, ModelInfo } from '../models/model-info.js';
import type { ChatEvent } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';

/** Reads one family's InvokeModelWithResponseStream chunks (each the JSON inside a chunk frame's bytes). */
export interface NativeStreamDecoder {
  readonly notes: readonly DecoderNote[];
  decodeChunk(chunk: unknown): ChatEvent[];
  /** An exception frame as the error to raise, with the output so far. */
  exception(type: string, payload: unknown): StrataError;
  /** Whether the stop and the invocation metrics arrived, and the usage to price. */
  finish(): StreamEnd;
  snapshot(): PartialOutput;
}

/** One family's native InvokeModel body format. Pure: no I/O, no clock. */
export interface NativeCodec {
  readonly family: ModelFamily;
  encodeRequest(request: ChatRequest, model: ModelInfo): Record<string, unknown>;
  decodeResponse(body: unknown): DecodedResponse;
  streamDecoder(options: StreamDecoderOptions): NativeStreamDecoder;
}
