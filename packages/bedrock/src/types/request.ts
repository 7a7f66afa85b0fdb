import type { Message, SystemBlock } from './content.js';

/** A zod 4 schema (anything carrying zod's `_zod` internals); converted to JSON Schema before sending. */
export type ZodSchemaLike = { readonly _zod: unknown };

/** A tool the model may call: its input as a JSON Schema object, or a zod schema. */
export interface ToolDefinition {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown> | ZodSchemaLike;
}

/** A tool whose schema is JSON Schema: what the codecs send. */
export interface JsonToolDefinition extends ToolDefinition {
  inputSchema: Record<string, unknown>;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'any' }
  | { type: 'tool'; name: string }
  | { type: 'none' };

export interface ReasoningOptions {
  /** Token budget for thinking (Claude 3.7+: at least 1024). */
  budgetTokens: number;
}

export interface GuardrailOptions {
  identifier: string;
  version: string;
  trace?: 'enabled' | 'disabled' | 'enabled_full';
  streamProcessingMode?: 'sync' | 'async';
}

export interface ChatRequest {
  /** Anything `resolveModel` accepts: alias, model ID, profile ID, ARN. */
  model: string;
  system?: string | SystemBlock[];
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** Sent where the model takes it (Claude, Nova, Mistral, Cohere). */
  topK?: number;
  stopSequences?: string[];
  reasoning?: ReasoningOptions;
  guardrail?: GuardrailOptions;
  /** Passed through to Converse's `additionalModelRequestFields` / merged into native bodies. */
  additionalModelRequestFields?: Record<string, unknown>;
  /** Tags for the request (Converse `requestMetadata`). */
  metadata?: Record<string, string>;
  signal?: AbortSignal;
}
