import { nonEmptyString, nullable, requiredWhen, stringOrArray } from '../compat/schema-parts.js';

/**
 * The JSON Schema of `POST /v1/chat/completions` bodies (see `types.ts`). Fields the gateway does not
 * use (`user`, `seed`, `metadata`, …) pass unvalidated and are ignored, as official clients send them.
 * Rules that need more than the shape (which roles may carry images) are checked in translation.
 */

const contentPart = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['text', 'image_url', 'refusal'] },
    text: { type: 'string' },
    refusal: { type: 'string' },
    image_url: {
      type: 'object',
      required: ['url'],
      properties: {
        url: nonEmptyString,
        detail: { type: 'string', enum: ['auto', 'low', 'high'] },
      },
    },
  },
  allOf: [
    requiredWhen('type', 'text', ['text']),
    requiredWhen('type', 'image_url', ['image_url']),
    requiredWhen('type', 'refusal', ['refusal']),
  ],
} as const;

const toolCall = {
  type: 'object',
  required: ['id', 'type', 'function'],
  properties: {
    id: nonEmptyString,
    type: { type: 'string', enum: ['function'] },
    function: {
      type: 'object',
      required: ['name', 'arguments'],
      properties: { name: nonEmptyString, arguments: { type: 'string' } },
    },
  },
} as const;

const message = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant', 'tool'] },
    // null (as OpenAI sends beside tool calls) coerces to "", which translation drops like null.
    content: stringOrArray(contentPart),
    name: { type: 'string' },
    tool_calls: { type: ['array', 'null'], items: toolCall },
    tool_call_id: nonEmptyString,
  },
  allOf: [
    requiredWhen('role', 'system', ['content']),
    requiredWhen('role', 'developer', ['content']),
    requiredWhen('role', 'user', ['content']),
    requiredWhen('role', 'tool', ['content', 'tool_call_id']),
  ],
} as const;

const functionTool = {
  type: 'object',
  required: ['type', 'function'],
  properties: {
    type: { type: 'string', enum: ['function'] },
    function: {
      type: 'object',
      required: ['name'],
      properties: {
        name: nonEmptyString,
        description: { type: 'string' },
        parameters: { type: 'object' },
        strict: nullable('boolean'),
      },
    },
  },
} as const;

// A string or an object: branches of different types, which coercion cannot confuse.
const toolChoice = {
  anyOf: [
    { type: 'string', enum: ['none', 'auto', 'required'] },
    {
      type: 'object',
      required: ['type', 'function'],
      properties: {
        type: { type: 'string', enum: ['function'] },
        function: { type: 'object', required: ['name'], properties: { name: nonEmptyString } },
      },
    },
  ],
} as const;

export const chatCompletionBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: nonEmptyString,
    messages: { type: 'array', minItems: 1, items: message },
    stream: nullable('boolean'),
    stream_options: {
      type: ['object', 'null'],
      properties: { include_usage: { type: 'boolean' } },
    },
    tools: { type: 'array', items: functionTool },
    tool_choice: toolChoice,
    max_tokens: { type: ['integer', 'null'], minimum: 1 },
    max_completion_tokens: { type: ['integer', 'null'], minimum: 1 },
    temperature: { type: ['number', 'null'], minimum: 0, maximum: 2 },
    top_p: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    stop: stringOrArray({ type: 'string' }),
    n: { type: ['integer', 'null'], minimum: 1, maximum: 1 },
    reasoning_effort: {
      type: ['string', 'null'],
      enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', null],
    },
  },
} as const;

export const modelListSchema = {
  type: 'object',
  required: ['object', 'data'],
  properties: {
    object: { type: 'string' },
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'object', 'created', 'owned_by'],
        properties: {
          id: { type: 'string' },
          object: { type: 'string' },
          created: { type: 'integer' },
          owned_by: { type: 'string' },
        },
      },
    },
  },
} as const;
