/** The gateway's wire shapes, as the chat page uses them. */

export interface Status {
  version: string;
  emulator: boolean;
}

export interface ModelInfo {
  id: string;
  name: string;
  provider: string;
  aliases: string[];
  contextWindow: number;
  /** USD per million tokens. */
  price: { input: number; output: number };
}

export interface Conversation {
  id: string;
  title: string;
  model: string;
  createdAt: string;
  updatedAt: string;
}

export type ToolResultPart = { type: 'text'; text: string } | { type: 'json'; json: unknown };

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; format: string; source: { type: 'base64'; data: string } }
  | { type: 'tool-use'; id: string; name: string; input: unknown }
  | { type: 'tool-result'; toolUseId: string; content: ToolResultPart[]; status?: string }
  | { type: 'reasoning'; text: string };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  totalTokens?: number;
}

export type MessageStatus = 'complete' | 'streaming' | 'aborted' | 'failed';

export interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: ContentBlock[];
  status: MessageStatus;
  usage: Usage | null;
  costUsd: number | null;
  model: string | null;
  createdAt: string;
  error?: string | null;
}

export interface ImageUpload {
  mediaType: string;
  /** Base64, without the `data:` prefix. */
  data: string;
}

export type Decision = 'allow' | 'deny' | 'always';

/** The events of a turn, as the gateway streams them. */
export type TurnEvent =
  | { event: 'turn'; data: { turnId: string; userMessageId: string } }
  | { event: 'token'; data: { text: string } }
  | { event: 'reasoning'; data: { text: string } }
  | { event: 'tool_call'; data: { id: string; name: string; input: unknown } }
  | { event: 'approval_request'; data: { id: string; tool: string; input: unknown } }
  | { event: 'approval_decision'; data: { id: string; decision: string } }
  | {
      event: 'tool_result';
      data: { toolUseId: string; tool: string; status: string; content: unknown; durationMs?: number };
    }
  | { event: 'usage'; data: { usage: Usage; costUsd: number | null } }
  | {
      event: 'done';
      data: { messageId: string; stopReason: string; usage: Usage | null; costUsd: number | null };
    }
  | { event: 'error'; data: { code: string; message: string } };

export interface Settings {
  cliProvider?: string;
  model?: string;
  system?: string;
  [key: string]: unknown;
}

export interface UsageRow {
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Present when the gateway groups by day and model at once. */
  day?: string;
  model?: string;
}
