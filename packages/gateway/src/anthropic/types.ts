/**
 * The parts of Anthropic's Messages wire format this gateway reads and writes. Request types mirror
 * `schema.ts`: whatever passes the schema has exactly these shapes.
 */

export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

interface Cacheable {
  cache_control?: CacheControl | null;
}

export interface TextParam extends Cacheable {
  type: 'text';
  text: string;
}

export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export interface ImageParam extends Cacheable {
  type: 'image';
  source: { type: 'base64'; media_type: ImageMediaType; data: string } | { type: 'url'; url: string };
}

export interface ToolUseParam extends Cacheable {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolResultParam extends Cacheable {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | (TextParam | ImageParam)[];
  is_error?: boolean;
}

export interface ThinkingParam extends Cacheable {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingParam extends Cacheable {
  type: 'redacted_thinking';
  data: string;
}

export type ContentBlockParam =
  | TextParam
  | ImageParam
  | ToolUseParam
  | ToolResultParam
  | ThinkingParam
  | RedactedThinkingParam;

export interface MessageParam {
  role: 'user' | 'assistant';
  content: string | ContentBlockParam[];
}

export interface ToolParam extends Cacheable {
  type?: 'custom' | null;
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

export type ToolChoiceParam =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type ThinkingConfig = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

/** `POST /v1/messages/count_tokens`: a Messages request without the generation settings. */
export interface CountTokensBody {
  model: string;
  messages: MessageParam[];
  system?: string | TextParam[];
  tools?: ToolParam[];
  tool_choice?: ToolChoiceParam;
  thinking?: ThinkingConfig;
}

export interface MessagesBody extends CountTokensBody {
  max_tokens: number;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stream?: boolean;
}

export type ResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export type BlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string };

export type StreamEvent =
  | { type: 'message_start'; message: AnthropicMessage }
  | { type: 'content_block_start'; index: number; content_block: ResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: BlockDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: AnthropicStopReason; stop_sequence: string | null };
      usage: AnthropicUsage;
    }
  | { type: 'message_stop' };

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}
