import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_RULES,
  type CompatServer,
  MODEL,
  PNG_BASE64,
  REASONING_MODEL,
  startCompatServer,
} from '../compat/test-support/compat-server.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('the Anthropic-compatible API, driven by the official @anthropic-ai/sdk client', () => {
  let server: CompatServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = await startCompatServer([
      ...CLIENT_RULES,
      { match: { lastUserText: 'overload' }, fault: 'unavailable' },
    ]);
    client = new Anthropic({ baseURL: server.url, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('answers a non-streaming message with a system prompt and usage, and records it', async () => {
    server.usage.length = 0;
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'hello there gateway' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [{ type: 'text', text: 'hello there gateway' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.cache_read_input_tokens).toBe(0);
    expect(message.usage.cache_creation_input_tokens).toBe(0);
    expect(server.usage).toEqual([expect.objectContaining({ source: 'anthropic', apiKeyId: 'key-1' })]);
  });

  it('streams with event lines the SDK assembles into the final message', async () => {
    server.usage.length = 0;
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'one two three four five six seven' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('one two three four five six seven');
    expect(message.content).toEqual([{ type: 'text', text: 'one two three four five six seven' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(server.usage).toHaveLength(1);
  });

  it('streams raw events in Anthropic order', async () => {
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('calls tools and takes their results back, streaming and not', async () => {
    const ask: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools: [weatherTool],
      tool_choice: { type: 'auto' },
      messages: ask,
    });
    expect(message.stop_reason).toBe('tool_use');
    const call = message.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });

    const streamed = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 200,
        tools: [weatherTool],
        tool_choice: { type: 'tool', name: 'get_weather' },
        messages: ask,
      })
      .finalMessage();
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: { city: 'Paris' },
    });

    if (call?.type !== 'tool_use') throw new Error('expected a tool call');
    const answer = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      tools: [weatherTool],
      messages: [
        ...ask,
        { role: 'assistant', content: message.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: call.id, content: [{ type: 'text', text: 'clear' }] },
          ],
        },
      ],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'It is sunny.' }]);
  });

  it('takes a base64 image', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
            { type: 'text', text: 'describe this picture' },
          ],
        },
      ],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'describe this picture' }]);
  });

  it('thinks when asked, streaming thinking and signature deltas, and takes the thinking back', async () => {
    const request = {
      model: REASONING_MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      messages: [{ role: 'user' as const, content: 'think about it' }],
    };
    const stream = client.messages.stream(request);
    const thinking: string[] = [];
    stream.on('thinking', (delta) => thinking.push(delta));
    const message = await stream.finalMessage();
    expect(thinking.join('').length).toBeGreaterThan(0);
    const [first, second] = message.content;
    expect(first?.type).toBe('thinking');
    if (first?.type !== 'thinking') throw new Error('expected thinking first');
    expect(first.signature.length).toBeGreaterThan(0);
    expect(second).toEqual({ type: 'text', text: 'think about it' });

    const plain = await client.messages.create(request);
    expect(plain.content.map((block) => block.type)).toEqual(['thinking', 'text']);

    const followUp = await client.messages.create({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: plain.content },
        { role: 'user', content: 'and again' },
      ],
    });
    expect(followUp.content.at(-1)).toEqual({ type: 'text', text: 'and again' });
  });

  it('counts tokens', async () => {
    const count = await client.messages.countTokens({
      model: MODEL,
      messages: [{ role: 'user', content: 'count these words please' }],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('answers an unknown model with a NotFoundError in Anthropic shape', async () => {
    const error = await client.messages
      .create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
  });

  it('answers invalid bodies and overload in Anthropic shape', async () => {
    const invalid = await client.messages
      .create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] } as never)
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
    expect((invalid as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
    const overloaded = await client.messages
      .create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'overload' }] })
      .catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((overloaded as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'overloaded_error' },
    });
  });

  it('sends event: error when a stream breaks midway, which the SDK throws', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 200,
      messages: [{ role: 'user', content: 'please explode after a few words of output here' }],
    });
    const error = await stream.finalMessage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error' },
    });
  });
});
