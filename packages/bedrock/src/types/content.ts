/**
 * The unified content model: what a message is made of, independent of Converse or any native body.
 * Every conversion in the library maps to and from these types.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type DocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';

/** Where binary content comes from. `url` (https or data:) is fetched/decoded before sending. */
export type BinarySource =
  | { type: 'bytes'; data: Uint8Array }
  | { type: 'base64'; data: string }
  | { type: 'url'; url: string }
  | { type: 's3'; uri: string; bucketOwner?: string };

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ImageBlock {
  type: 'image';
  /** Optional when the source is a `data:` URL or a fetched URL whose type is known. */
  format?: ImageFormat;
  source: BinarySource;
}

export interface DocumentBlock {
  type: 'document';
  format: DocumentFormat;
  /** Bedrock requires a name: letters, digits, spaces, hyphens, parentheses and brackets. */
  name: string;
  source: BinarySource;
}

export interface ToolUseBlock {
  type: 'tool-use';
  id: string;
  name: string;
  input: unknown;
}

export type ToolResultContent = TextBlock | ImageBlock | DocumentBlock | { type: 'json'; json: unknown };

export interface ToolResultBlock {
  type: 'tool-result';
  toolUseId: string;
  content: ToolResultContent[];
  status?: 'success' | 'error';
}

/** Extended thinking. The signature must be sent back unchanged with the next request. */
export interface ReasoningBlock {
  type: 'reasoning';
  text: string;
  signature?: string;
}

/** Thinking the provider encrypted; opaque bytes that must be round-tripped as they are. */
export interface RedactedReasoningBlock {
  type: 'redacted-reasoning';
  data: Uint8Array;
}

/** Marks the end of a prefix the provider should cache. */
export interface CachePointBlock {
  type: 'cache-point';
}

export type ContentBlock =
  | TextBlock
  | ImageBlock
  | DocumentBlock
  | ToolUseBlock
  | ToolResultBlock
  | ReasoningBlock
  | RedactedReasoningBlock
  | CachePointBlock;

export type Role = 'user' | 'assistant';

export interface Message {
  role: Role;
  content: ContentBlock[];
}

/** A system prompt: text, optionally with cache points between parts. */
export type SystemBlock = TextBlock | CachePointBlock;
