import type { StrataError } from '../errors/strata-error.js';
import type { ContentBlock, Message } from './content.js';

export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  totalTokens: number;
}

/** Cost in USD, split as the bill is. */
export interface Cost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
  /** What the cache reads saved against paying the full input price. */
  cacheSavings: number;
  currency: 'USD';
}

/**
 * What `stream()` yields. Content arrives as deltas per block index; each block closes with
 * `content-block-stop`, tool calls additionally as one `tool-call` with the parsed input.
 */
export type ChatEvent =
  | { type: 'message-start'; role: 'assistant'; model: string; requestId?: string }
  | { type: 'text-delta'; index: number; text: string }
  | { type: 'reasoning-delta'; index: number; text?: string; signature?: string; redacted?: Uint8Array }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; id: string; partialJson: string }
  | { type: 'tool-call'; index: number; id: string; name: string; input: unknown }
  | { type: 'content-block-stop'; index: number }
  | { type: 'guardrail'; trace: unknown }
  | { type: 'message-stop'; stopReason: StopReason; additionalFields?: Record<string, unknown> }
  | { type: 'usage'; usage: Usage; cost: Cost; latencyMs?: number }
  | { type: 'error'; error: StrataError };

/** What `chat()` returns: the stream, collected. */
export interface ChatResult {
  message: Message & { role: 'assistant'; content: ContentBlock[] };
  stopReason: StopReason;
  usage: Usage;
  cost: Cost;
  /** The model ID actually invoked (a profile ID when routed through one). */
  model: string;
  requestId?: string;
  /** Set when a bare model ID was routed to an inference profile for you. */
  routedVia?: string;
}
