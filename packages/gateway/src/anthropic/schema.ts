import { nonEmptyString, requiredWhen, stringOrArray } from '../compat/schema-parts.js';

/**
 * The JSON Schemas of `POST /v1/messages` and `/v1/messages/count_tokens` bodies (see `types.ts`).
 * Fields the gateway does not use (`metadata`, `service_tier`, …) pass unvalidated and are ignored;
 * content and tools Bedrock cannot take (documents, server tools, adaptive thinking) are refused.
 */

const cacheControl = {
  type: ['object', 'null'],
  properties: { type: { type: 'string', enum: ['ephemeral'] }, ttl: { type: 'string' } },
} as const;

const imageSource = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['base64', 'url'] },
    media_type: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] },
    data: nonEmptyString,
    url: nonEmptyString,
  },
  allOf: [requiredWhen('type', 'base64', ['media_type', 'data']), requiredWhen('type', 'url', ['url'])],
} as const;

/** What a tool result may hold: text and images. */
const resultBlock = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['text', 'image'] },
    text: { type: 'string' },
    source: imageSource,
    cache_control: cacheControl,
  },
  allOf: [requiredWhen('type', 'text', ['text']), requiredWhen('type', 'image', ['source'])],
} as const;

const contentBlock = {
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      enum: ['text', 'image', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'],
    },
    text: { type: 'string' },
    source: imageSource,
    id: nonEmptyString,
    name: nonEmptyString,
    input: { type: 'object' },
    tool_use_id: nonEmptyString,
    content: stringOrArray(resultBlock),
    is_error: { type: 'boolean' },
    thinking: { type: 'string' },
    signature: { type: 'string' },
    data: nonEmptyString,
    cache_control: cacheControl,
  },
  allOf: [
    requiredWhen('type', 'text', ['text']),
    requiredWhen('type', 'image', ['source']),
    requiredWhen('type', 'tool_use', ['id', 'name', 'input']),
    requiredWhen('type', 'tool_result', ['tool_use_id']),
    requiredWhen('type', 'thinking', ['thinking', 'signature']),
    requiredWhen('type', 'redacted_thinking', ['data']),
  ],
} as const;

const message = {
  type: 'object',
  required: ['role', 'content'],
  properties: {
    role: { type: 'string', enum: ['user', 'assistant'] },
    content: stringOrArray(contentBlock),
  },
} as const;

const systemBlock = {
  type: 'object',
  required: ['type', 'text'],
  properties: {
    type: { type: 'string', enum: ['text'] },
    text: { type: 'string' },
    cache_control: cacheControl,
  },
} as const;

const tool = {
  type: 'object',
  required: ['name', 'input_schema'],
  properties: {
    // Server tools (web search, code execution, …) carry their own type; Bedrock runs none of them.
    type: { type: ['string', 'null'], enum: ['custom', null] },
    name: nonEmptyString,
    description: { type: 'string' },
    input_schema: { type: 'object' },
    cache_control: cacheControl,
  },
} as const;

const toolChoice = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['auto', 'any', 'tool', 'none'] },
    name: nonEmptyString,
    disable_parallel_tool_use: { type: 'boolean' },
  },
  allOf: [requiredWhen('type', 'tool', ['name'])],
} as const;

const thinking = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['enabled', 'disabled'] },
    budget_tokens: { type: 'integer', minimum: 1 },
  },
  allOf: [requiredWhen('type', 'enabled', ['budget_tokens'])],
} as const;

const promptProperties = {
  model: nonEmptyString,
  messages: { type: 'array', minItems: 1, items: message },
  system: stringOrArray(systemBlock),
  tools: { type: 'array', items: tool },
  tool_choice: toolChoice,
  thinking,
} as const;

export const countTokensBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: promptProperties,
} as const;

export const messagesBodySchema = {
  type: 'object',
  required: ['model', 'messages', 'max_tokens'],
  properties: {
    ...promptProperties,
    max_tokens: { type: 'integer', minimum: 1 },
    stop_sequences: { type: 'array', items: { type: 'string' } },
    temperature: { type: 'number', minimum: 0, maximum: 1 },
    top_p: { type: 'number', minimum: 0, maximum: 1 },
    top_k: { type: 'integer', minimum: 0 },
    stream: { type: 'boolean' },
  },
} as const;
