import { expect } from 'vitest';
import { CLAUDE } from '../../converse/test-support/model-info.js';
import { ValidationError } from '../../errors/strata-error.js';
import type { Capabilities, ModelInfo } from '../../models/model-info.js';
import type { ContentBlock, Message, TextBlock } from '../../types/content.js';
import type { ChatRequest } from '../../types/request.js';
import type { Diagnostic } from '../context.js';
import { preflight } from '../preflight.js';

/** Claude Sonnet 4 as the registry would describe it: every capability on. */
export const claude: ModelInfo = {
  invokeId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
  baseModelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
  requested: 'claude-sonnet-4',
  kind: 'system-profile',
  region: 'us-east-1',
  family: 'anthropic-messages',
  name: 'Claude Sonnet 4',
  provider: 'Anthropic',
  api: 'converse',
  contextWindow: 200_000,
  maxOutputTokens: 64_000,
  capabilities: CLAUDE,
  onDemand: false,
  price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  source: 'registry',
};

/** A variant of `base` with other capabilities and fields. */
export function variant(
  capabilities: Partial<Capabilities>,
  fields: Partial<ModelInfo> = {},
  base: ModelInfo = claude,
): ModelInfo {
  return { ...base, ...fields, capabilities: { ...base.capabilities, ...capabilities } };
}

/** A text-only model with tools but none of Claude's extras (like Mistral Large on Converse). */
export const mistral = variant(
  {
    toolChoice: ['auto'],
    images: false,
    documents: false,
    imagesInToolResults: false,
    reasoning: 'none',
    cachePoints: false,
    topK: false,
  },
  { family: 'mistral', name: 'Mistral Large', maxOutputTokens: 8192 },
);

/** A model without tools or a system prompt (like Titan Text). */
export const titan = variant(
  { ...mistral.capabilities, tools: false, toolChoice: [], systemPrompt: false },
  { family: 'titan-text', name: 'Titan Text Express', maxOutputTokens: 8192 },
);

export const text = (value: string): TextBlock => ({ type: 'text', text: value });
export const user = (...content: ContentBlock[]): Message => ({ role: 'user', content });
export const assistant = (...content: ContentBlock[]): Message => ({ role: 'assistant', content });
export const cachePoint: ContentBlock = { type: 'cache-point' };

export const toolUse = (id: string, name = 'lookup', input: unknown = { q: id }): ContentBlock => ({
  type: 'tool-use',
  id,
  name,
  input,
});
export const toolResult = (toolUseId: string, result = `result ${toolUseId}`): ContentBlock => ({
  type: 'tool-result',
  toolUseId,
  content: [text(result)],
});

export const lookupTool = {
  name: 'lookup',
  description: 'Look something up',
  inputSchema: { type: 'object' },
};

export function chat(messages: Message[], fields: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'claude-sonnet-4', messages, ...fields };
}

/** Freezes a request all the way down, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) {
    return value;
  }
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}

/** Repairs a deep-frozen copy of the request, proving along the way that the input is not mutated. */
export function repair(request: ChatRequest, model: ModelInfo = claude) {
  return preflight(deepFreeze(request), model, 'repair');
}

export const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);

/** The ValidationError strict mode throws for the request. */
export function strictError(request: ChatRequest, model: ModelInfo = claude): ValidationError {
  try {
    preflight(deepFreeze(request), model, 'strict');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('strict preflight accepted the request');
}
