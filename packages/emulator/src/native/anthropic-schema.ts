/**
 * The two Claude bodies Bedrock accepts on InvokeModel (Messages and text completions), as schemas, and
 * the way Bedrock words their violations. Bedrock validates Claude bodies against "text completions OR
 * messages"; when the body
 * has `messages`, the text-completions branch fails first and the message always begins with
 * `#: subject must not be valid against schema {"required":["messages"]}`, followed by every violation
 * of the messages branch run together, e.g. (AWS re:Post "bedrock-validation-exception-errors"):
 * `#: subject must not be valid against schema {"required":["messages"]}#: extraneous key [top_n] is not permitted`.
 */
import {
  anyValue,
  arrayOf,
  bool,
  enumOf,
  freeObject,
  int,
  joinedDetail,
  type ObjectSchema,
  objectOf,
  type Schema,
  str,
  type TaggedSchema,
  unit,
  type Violation,
} from './schema.js';

/**
 * The API versions Bedrock takes in `anthropic_version`: the documented Bedrock one, and the Anthropic
 * API version that @anthropic-ai/bedrock-sdk 1.x copies into the body from its `anthropic-version` header.
 */
export const ANTHROPIC_VERSIONS: readonly string[] = ['bedrock-2023-05-31', '2026-10-21'];

const MESSAGES_BRANCH = '#: subject must not be valid against schema {"required":["messages"]}';

export const messagesDetail = (violations: readonly Violation[]): string =>
  MESSAGES_BRANCH + joinedDetail(violations);

const cacheControl = objectOf({ type: enumOf('ephemeral'), ttl: enumOf('5m', '1h') }, ['type']);

const textBlock = objectOf({ type: str, text: str, cache_control: cacheControl, citations: anyValue }, [
  'type',
  'text',
]);

const imageBlock = objectOf(
  {
    type: str,
    source: objectOf(
      {
        type: enumOf('base64'),
        media_type: enumOf('image/jpeg', 'image/png', 'image/gif', 'image/webp'),
        data: str,
      },
      ['type', 'media_type', 'data'],
    ),
    cache_control: cacheControl,
  },
  ['type', 'source'],
);

const documentSource: TaggedSchema = {
  type: 'tagged',
  tag: 'type',
  cases: {
    base64: objectOf({ type: str, media_type: enumOf('application/pdf'), data: str }, [
      'type',
      'media_type',
      'data',
    ]),
    text: objectOf({ type: str, media_type: enumOf('text/plain'), data: str }, [
      'type',
      'media_type',
      'data',
    ]),
    content: objectOf({ type: str, content: { type: 'union', options: [str, arrayOf(freeObject)] } }, [
      'type',
      'content',
    ]),
  },
};

const documentBlock = objectOf(
  {
    type: str,
    source: documentSource,
    title: str,
    context: str,
    citations: objectOf({ enabled: bool }),
    cache_control: cacheControl,
  },
  ['type', 'source'],
);

const toolResultContent: TaggedSchema = {
  type: 'tagged',
  tag: 'type',
  cases: { text: textBlock, image: imageBlock, document: documentBlock },
};

const contentBlock: TaggedSchema = {
  type: 'tagged',
  tag: 'type',
  cases: {
    text: textBlock,
    image: imageBlock,
    document: documentBlock,
    tool_use: objectOf({ type: str, id: str, name: str, input: freeObject, cache_control: cacheControl }, [
      'type',
      'id',
      'name',
      'input',
    ]),
    tool_result: objectOf(
      {
        type: str,
        tool_use_id: str,
        content: { type: 'union', options: [str, arrayOf(toolResultContent)] },
        is_error: bool,
        cache_control: cacheControl,
      },
      ['type', 'tool_use_id'],
    ),
    thinking: objectOf({ type: str, thinking: str, signature: str }, ['type', 'thinking', 'signature']),
    redacted_thinking: objectOf({ type: str, data: str }, ['type', 'data']),
  },
};

const message = objectOf(
  { role: enumOf('user', 'assistant'), content: { type: 'union', options: [str, arrayOf(contentBlock)] } },
  ['role', 'content'],
);

/** Custom tools carry `input_schema`; Anthropic-defined tools (computer use, bash…) carry `type`. */
const toolSchema: ObjectSchema = objectOf(
  {
    type: str,
    name: str,
    description: str,
    input_schema: freeObject,
    cache_control: cacheControl,
    display_width_px: int,
    display_height_px: int,
    display_number: int,
  },
  ['name'],
);

const toolChoice: TaggedSchema = {
  type: 'tagged',
  tag: 'type',
  cases: {
    auto: objectOf({ type: str, disable_parallel_tool_use: bool }),
    any: objectOf({ type: str, disable_parallel_tool_use: bool }),
    tool: objectOf({ type: str, name: str, disable_parallel_tool_use: bool }, ['name']),
    none: objectOf({ type: str }),
  },
};

// `adaptive` is refused: a live Bedrock answer quoted `#/thinking/type: adaptive is not a valid enum value`.
const thinking: TaggedSchema = {
  type: 'tagged',
  tag: 'type',
  cases: {
    enabled: objectOf({ type: str, budget_tokens: int }, ['budget_tokens']),
    disabled: objectOf({ type: str }),
  },
};

export const messagesBody: Schema = objectOf(
  {
    anthropic_version: str,
    anthropic_beta: arrayOf(str),
    max_tokens: { type: 'integer', minimum: 1 },
    system: { type: 'union', options: [str, arrayOf(textBlock)] },
    messages: arrayOf(message),
    temperature: unit,
    top_p: unit,
    top_k: { type: 'integer', minimum: 0 },
    stop_sequences: arrayOf(str),
    tools: arrayOf(toolSchema),
    tool_choice: toolChoice,
    thinking,
  },
  ['messages', 'max_tokens', 'anthropic_version'],
);

// The text-completions branch runs its violations together too, without the prefix:
// `#: required key [prompt] not found#: required key [max_tokens_to_sample] not found#: extraneous key [input] is not permitted`.
export const textCompletionBody: Schema = objectOf(
  {
    prompt: str,
    max_tokens_to_sample: { type: 'integer', minimum: 1 },
    temperature: unit,
    top_p: unit,
    top_k: { type: 'integer', minimum: 0 },
    stop_sequences: arrayOf(str),
    anthropic_version: str,
  },
  ['prompt', 'max_tokens_to_sample'],
);
