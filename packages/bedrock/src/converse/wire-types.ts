/**
 * The Converse / ConverseStream request body as Bedrock's restJson1 protocol serialises it (the shapes
 * of `@aws-sdk/client-bedrock-runtime`, with blobs as base64 strings). The emulator may import these.
 */
import type { DocumentFormat, ImageFormat, Role } from '../types/content.js';

export type ConverseSource = { bytes: string } | { s3Location: { uri: string; bucketOwner?: string } };

export interface ConverseImage {
  format: ImageFormat;
  source: ConverseSource;
}

export interface ConverseDocument {
  format: DocumentFormat;
  name: string;
  source: ConverseSource;
}

export interface ConverseCachePoint {
  cachePoint: { type: 'default' };
}

export type ConverseToolResultContent =
  | { text: string }
  | { json: unknown }
  | { image: ConverseImage }
  | { document: ConverseDocument };

export type ConverseReasoning =
  | { reasoningText: { text: string; signature?: string } }
  | { redactedContent: string };

export type ConverseContentBlock =
  | { text: string }
  | { image: ConverseImage }
  | { document: ConverseDocument }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | {
      toolResult: { toolUseId: string; content: ConverseToolResultContent[]; status?: 'success' | 'error' };
    }
  | { reasoningContent: ConverseReasoning }
  | ConverseCachePoint;

export interface ConverseMessage {
  role: Role;
  content: ConverseContentBlock[];
}

export type ConverseSystemBlock = { text: string } | ConverseCachePoint;

export interface ConverseTool {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type ConverseToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

export interface ConverseToolConfig {
  tools: ConverseTool[];
  toolChoice?: ConverseToolChoice;
}

export interface ConverseInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface ConverseGuardrailConfig {
  guardrailIdentifier: string;
  guardrailVersion: string;
  trace?: 'enabled' | 'disabled' | 'enabled_full';
  /** ConverseStream only (GuardrailStreamConfiguration). */
  streamProcessingMode?: 'sync' | 'async';
}

/** The JSON body of Converse and ConverseStream; the model ID travels in the path. */
export interface ConverseRequestBody {
  messages: ConverseMessage[];
  system?: ConverseSystemBlock[];
  inferenceConfig?: ConverseInferenceConfig;
  toolConfig?: ConverseToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  guardrailConfig?: ConverseGuardrailConfig;
  requestMetadata?: Record<string, string>;
}
