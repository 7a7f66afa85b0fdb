import type { ConversationView, InvocationMetrics, Reply, Usage } from '../conversation/types.js';

/** The native InvokeModel body formats the emulator speaks. */
export type NativeFamily =
  | 'anthropic-messages'
  | 'claude-text'
  | 'titan-text'
  | 'nova'
  | 'llama2'
  | 'llama3'
  | 'mistral'
  | 'cohere-command-r';

export interface NativeContext {
  modelId: string;
  /** Deterministic id for the reply (e.g. Anthropic's `msg_bdrk_…`). */
  responseId: string;
  /** Words per streamed text delta. */
  wordsPerDelta: number;
  /** The stop sequence that ended the reply when `stopReason` is `stop_sequence` (echoed by Claude). */
  stopSequence?: string;
  /**
   * The request body as sent. Some answers depend on it: Mistral answers a `messages` body in the
   * chat-completions shape, and Cohere echoes the conversation back in `chat_history`.
   */
  requestBody?: unknown;
}

/**
 * One native InvokeModel family: decode its request body, encode its response body and its stream
 * chunks. Pure functions; a body that breaks the family's schema throws an EmulatorError with Bedrock's
 * `Malformed input request: …` message.
 */
export interface NativeCodec {
  family: NativeFamily;
  decodeRequest(body: unknown): ConversationView;
  encodeResponse(reply: Reply, usage: Usage, ctx: NativeContext): unknown;
  /** The chunks of InvokeModelWithResponseStream, each a JSON object; the last carries the metrics. */
  encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[];
}
