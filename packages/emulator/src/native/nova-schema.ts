/**
 * The Amazon Nova `messages-v1` body. It mirrors Converse, but the inference settings also come in the
 * older snake_case spelling (`max_new_tokens`, `top_p`, `top_k`) that Nova's own examples use, and
 * content must always be a list: `#/messages/0/content: expected type: JSONArray, found: String`.
 */
import {
  anyValue,
  arrayOf,
  enumOf,
  freeObject,
  type NumberSchema,
  objectOf,
  type Schema,
  str,
  unit,
} from './schema.js';

const source = objectOf({ bytes: str, s3Location: objectOf({ uri: str, bucketOwner: str }, ['uri']) });
const cachePoint = objectOf({ type: enumOf('default') }, ['type']);
const image = objectOf({ format: enumOf('png', 'jpeg', 'gif', 'webp'), source }, ['format', 'source']);
const video = objectOf(
  { format: enumOf('mkv', 'mov', 'mp4', 'webm', 'three_gp', 'flv', 'mpeg', 'mpg', 'wmv'), source },
  ['format', 'source'],
);
const document = objectOf(
  { format: enumOf('pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'), name: str, source },
  ['format', 'name', 'source'],
);

const contentBlock = objectOf({
  text: str,
  image,
  video,
  document,
  toolUse: objectOf({ toolUseId: str, name: str, input: anyValue }, ['toolUseId', 'name', 'input']),
  toolResult: objectOf(
    {
      toolUseId: str,
      content: arrayOf(objectOf({ text: str, json: anyValue, image, document, video })),
      status: enumOf('success', 'error'),
    },
    ['toolUseId', 'content'],
  ),
  reasoningContent: objectOf({
    reasoningText: objectOf({ text: str, signature: str }, ['text']),
    redactedContent: str,
  }),
  cachePoint,
});

const positive: NumberSchema = { type: 'integer', minimum: 1 };
const nonNegative: NumberSchema = { type: 'integer', minimum: 0 };

const toolConfig = objectOf(
  {
    tools: arrayOf(
      objectOf({
        toolSpec: objectOf(
          { name: str, description: str, inputSchema: objectOf({ json: freeObject }, ['json']) },
          ['name', 'inputSchema'],
        ),
        cachePoint,
      }),
    ),
    toolChoice: objectOf({ auto: freeObject, any: freeObject, tool: objectOf({ name: str }, ['name']) }),
  },
  ['tools'],
);

export const novaBody: Schema = objectOf(
  {
    schemaVersion: enumOf('messages-v1'),
    system: arrayOf(objectOf({ text: str, cachePoint })),
    messages: arrayOf(
      objectOf({ role: enumOf('user', 'assistant'), content: arrayOf(contentBlock) }, ['role', 'content']),
    ),
    inferenceConfig: objectOf({
      maxTokens: positive,
      max_new_tokens: positive,
      temperature: unit,
      topP: unit,
      top_p: unit,
      topK: nonNegative,
      top_k: nonNegative,
      stopSequences: arrayOf(str),
    }),
    toolConfig,
    reasoningConfig: objectOf(
      { type: enumOf('enabled', 'disabled'), maxReasoningEffort: enumOf('low', 'medium', 'high') },
      ['type'],
    ),
  },
  ['messages'],
);
