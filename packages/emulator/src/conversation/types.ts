/**
 * The emulator's model-neutral view of a request and its reply. Every wire format (Converse and each
 * native InvokeModel family) decodes into `ConversationView` and encodes a `Reply` back out, so the
 * behaviours (echo, scripted rules) and the usage estimate are written once.
 */

export type Role = 'user' | 'assistant';

export type ViewBlock =
  | { kind: 'text'; text: string }
  | { kind: 'image'; format: string; bytes: number }
  | { kind: 'document'; format: string; name: string; bytes: number }
  | { kind: 'toolUse'; toolUseId: string; name: string; input: unknown }
  | { kind: 'toolResult'; toolUseId: string; text: string; status: 'success' | 'error' }
  | { kind: 'reasoning'; text: string; signature?: string }
  | { kind: 'cachePoint' };

export interface ViewMessage {
  role: Role;
  blocks: ViewBlock[];
}

export interface ConversationView {
  /** System prompt pieces, in order; a `cachePoint` marks a cache boundary inside them. */
  system: ViewBlock[];
  messages: ViewMessage[];
  /** Names of the tools offered. */
  tools: string[];
  /** Number of cache points in the tool list. */
  toolCachePoints: number;
  maxTokens?: number;
  stopSequences: string[];
  /** Whether extended thinking / reasoning was asked for. */
  reasoning: boolean;
}

export type StopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered';

export type ReplyBlock =
  | { type: 'reasoning'; text: string; signature: string }
  | { type: 'redactedReasoning'; data: string }
  | { type: 'text'; text: string }
  | { type: 'toolUse'; toolUseId: string; name: string; input: unknown };

export interface Reply {
  blocks: ReplyBlock[];
  stopReason: StopReason;
  /** The stop sequence that ended the reply, when one did (Claude echoes it). */
  stopSequence?: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** Timings a native stream's last chunk reports in `amazon-bedrock-invocationMetrics`. */
export interface InvocationMetrics {
  invocationLatency: number;
  firstByteLatency: number;
}
