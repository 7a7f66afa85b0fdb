import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompatServer,
  MODEL,
  PNG_BASE64,
  REASONING_MODEL,
  startCompatServer,
} from './test-support/compat-server.js';

/**
 * Whatever a caller posts, the answer is never a 5xx. Arbitrary JSON exercises the schemas; bodies
 * that pass them by construction exercise translation and what Bedrock refuses (empty text, unpaired
 * tool results, bad image bytes, budgets over limits…), which must come back as 4xx in the route's
 * dialect. No https URLs: the library would fetch them.
 */

const model = fc.constantFrom(MODEL, MODEL, REASONING_MODEL, 'no-such-model');
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', 'hello there', 'weather in Paris'),
);
const imageUrl = fc.constantFrom(
  `data:image/png;base64,${PNG_BASE64}`,
  'data:image/png;base64,AAAA',
  'data:',
  'http://127.0.0.1/x.png',
  'not a url',
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const toolId = fc.constantFrom('call_1', 'call_2', 'x y');
const budgetOrLimit = fc.integer({ min: 1, max: 300_000 });

const openAiPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constant('image_url'), image_url: fc.record({ url: imageUrl }) }),
  fc.record({ type: fc.constant('refusal'), refusal: text }),
);
const openAiMessage = fc.oneof(
  fc.record({
    role: fc.constantFrom('system', 'developer', 'user'),
    content: fc.oneof(text, fc.array(openAiPart, { maxLength: 3 })),
  }),
  fc.record(
    {
      role: fc.constant('assistant'),
      content: fc.oneof(text, fc.constant(null), fc.array(openAiPart, { maxLength: 2 })),
      tool_calls: fc.array(
        fc.record({
          id: toolId,
          type: fc.constant('function'),
          function: fc.record({
            name: fc.constantFrom('get_weather', 'other'),
            arguments: fc.constantFrom('{}', '{"a":1}', '{', '7', ''),
          }),
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['role'] },
  ),
  fc.record({
    role: fc.constant('tool'),
    tool_call_id: toolId,
    content: fc.oneof(text, fc.array(openAiPart, { maxLength: 2 })),
  }),
);
const openAiBody = fc.record(
  {
    model,
    messages: fc.array(openAiMessage, { minLength: 1, maxLength: 4 }),
    stream: fc.boolean(),
    stream_options: fc.record({ include_usage: fc.boolean() }),
    tools: fc.array(
      fc.record({
        type: fc.constant('function'),
        function: fc.record(
          { name: fc.constantFrom('get_weather', 'other'), parameters: fc.constant({ type: 'object' }) },
          { requiredKeys: ['name'] },
        ),
      }),
      { maxLength: 2 },
    ),
    tool_choice: fc.oneof(
      fc.constantFrom('none', 'auto', 'required'),
      fc.record({
        type: fc.constant('function'),
        function: fc.record({ name: fc.constantFrom('get_weather', 'missing') }),
      }),
    ),
    max_tokens: budgetOrLimit,
    max_completion_tokens: fc.oneof(budgetOrLimit, fc.constant(null)),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    stop: fc.oneof(text, fc.array(text, { maxLength: 6 }), fc.constant(null)),
    reasoning_effort: fc.constantFrom('none', 'minimal', 'low', 'high', 'max', null),
  },
  { requiredKeys: ['model', 'messages'] },
);

const anthropicSource = fc.oneof(
  fc.record({
    type: fc.constant('base64'),
    media_type: fc.constantFrom('image/png', 'image/gif'),
    data: fc.constantFrom(PNG_BASE64, 'AAAA', '!!'),
  }),
  fc.record({ type: fc.constant('url'), url: imageUrl }),
);
const cacheControl = maybe(fc.constant({ type: 'ephemeral' }));
const anthropicBlock = fc.oneof(
  fc.record({ type: fc.constant('text'), text, cache_control: cacheControl }),
  fc.record({ type: fc.constant('image'), source: anthropicSource, cache_control: cacheControl }),
  fc.record({
    type: fc.constant('tool_use'),
    id: toolId,
    name: fc.constantFrom('get_weather', 'other'),
    input: fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
  }),
  fc.record(
    {
      type: fc.constant('tool_result'),
      tool_use_id: toolId,
      content: fc.oneof(
        text,
        fc.array(
          fc.oneof(
            fc.record({ type: fc.constant('text'), text }),
            fc.record({ type: fc.constant('image'), source: anthropicSource }),
          ),
          { maxLength: 2 },
        ),
      ),
      is_error: fc.boolean(),
      cache_control: cacheControl,
    },
    { requiredKeys: ['type', 'tool_use_id'] },
  ),
  fc.record({ type: fc.constant('thinking'), thinking: text, signature: fc.constantFrom('sig', '') }),
  fc.record({ type: fc.constant('redacted_thinking'), data: fc.constantFrom('opaque', 'xyz') }),
);
const anthropicBody = fc.record(
  {
    model,
    max_tokens: budgetOrLimit,
    messages: fc.array(
      fc.record({
        role: fc.constantFrom('user', 'assistant'),
        content: fc.oneof(text, fc.array(anthropicBlock, { maxLength: 3 })),
      }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    system: fc.oneof(
      text,
      fc.array(fc.record({ type: fc.constant('text'), text, cache_control: cacheControl }), { maxLength: 2 }),
    ),
    stream: fc.boolean(),
    tools: fc.array(
      fc.record({
        name: fc.constantFrom('get_weather', 'other'),
        input_schema: fc.constant({ type: 'object' }),
      }),
      { maxLength: 2 },
    ),
    tool_choice: fc.oneof(
      fc.record({ type: fc.constantFrom('auto', 'any', 'none') }),
      fc.record({ type: fc.constant('tool'), name: fc.constantFrom('get_weather', 'missing') }),
    ),
    thinking: fc.oneof(
      fc.record({ type: fc.constant('enabled'), budget_tokens: budgetOrLimit }),
      fc.constant({ type: 'disabled' }),
    ),
    temperature: fc.double({ min: 0, max: 1, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    top_k: fc.integer({ min: 0, max: 500 }),
    stop_sequences: fc.array(text, { maxLength: 5 }),
  },
  { requiredKeys: ['model', 'max_tokens', 'messages'] },
);

describe('random bodies', () => {
  let server: CompatServer;
  beforeAll(async () => {
    server = await startCompatServer();
  });
  afterAll(() => server.close());

  const post = async (url: string, payload: unknown) => {
    const response = await server.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    return { status: response.statusCode, body: response.body };
  };

  const openAiAnswers = async (payload: unknown) => {
    const { status, body } = await post('/v1/chat/completions', payload);
    expect(status, body).toBeLessThan(500);
    if (status >= 400) {
      expect(JSON.parse(body)).toMatchObject({
        error: { message: expect.any(String), type: expect.any(String) },
      });
    }
  };

  const anthropicAnswers = (path: string) => async (payload: unknown) => {
    const { status, body } = await post(path, payload);
    expect(status, body).toBeLessThan(500);
    if (status >= 400) {
      expect(JSON.parse(body)).toMatchObject({
        type: 'error',
        error: { type: expect.any(String), message: expect.any(String) },
      });
    }
  };

  it('never get a 5xx from /v1/chat/completions', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), openAiAnswers), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(openAiBody, openAiAnswers), { numRuns: 300 });
  });

  it('never get a 5xx from /v1/messages and /v1/messages/count_tokens', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), anthropicAnswers('/v1/messages')), { numRuns: 100 });
    await fc.assert(fc.asyncProperty(anthropicBody, anthropicAnswers('/v1/messages')), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(anthropicBody, anthropicAnswers('/v1/messages/count_tokens')), {
      numRuns: 100,
    });
  });
});
