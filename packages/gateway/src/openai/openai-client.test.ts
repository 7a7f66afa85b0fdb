import OpenAI from 'openai';
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
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('the OpenAI-compatible API, driven by the official openai client', () => {
  let server: CompatServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startCompatServer([
      ...CLIENT_RULES,
      { match: { lastUserText: 'throttle me' }, fault: 'throttle;retry-after=7' },
    ]);
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
  });
  afterAll(() => server.close());

  it('answers a non-streaming completion with usage, and records it', async () => {
    server.usage.length = 0;
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello there gateway' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe(MODEL);
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'hello there gateway',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const usage = completion.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(server.usage).toHaveLength(1);
    expect(server.usage[0]).toMatchObject({ source: 'openai', apiKeyId: 'key-1' });
    expect(server.usage[0]?.model).toContain('claude-3-haiku');
  });

  it('streams deltas with the role first and usage in a last chunk without choices', async () => {
    server.usage.length = 0;
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'one two three four five six seven' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('one two three four five six seven');
    // The emulator streams three words a delta: several content chunks, not one.
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(server.usage).toHaveLength(1);
  });

  it('sends no usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'short' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });

  it('calls tools and takes their results back, streaming and not', async () => {
    const ask = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: ask,
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });

    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: ask,
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      stream: true,
    });
    let args = '';
    let name = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(delta.index).toBe(0);
        name += delta.function?.name ?? '';
        args += delta.function?.arguments ?? '';
      }
      finish ??= chunk.choices[0]?.finish_reason;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');

    const answer = await client.chat.completions.create({
      model: MODEL,
      tools: [weatherTool],
      messages: [...ask, choice.message, { role: 'tool', tool_call_id: call.id, content: '{"sky":"clear"}' }],
    });
    expect(answer.choices[0]?.message.content).toBe('It is sunny.');
  });

  it('takes an image as a data URL', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe this picture' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('describe this picture');
  });

  it('maps reasoning_effort to thinking and streams it as reasoning_content', async () => {
    const stream = await client.chat.completions.create({
      model: REASONING_MODEL,
      messages: [{ role: 'user', content: 'think about it' }],
      reasoning_effort: 'low',
      stream: true,
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | { content?: string | null; reasoning_content?: string }
        | undefined;
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
    }
    expect(reasoning.length).toBeGreaterThan(0);
    expect(content).toBe('think about it');
  });

  it('lists models', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      ids.push(model.id);
    }
    expect(ids).toEqual([MODEL, REASONING_MODEL]);
  });

  it('answers an unknown model with a NotFoundError in OpenAI shape', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const streamed = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true })
      .catch((e: unknown) => e);
    expect(streamed).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('answers invalid bodies with a BadRequestError', async () => {
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'wizard', content: 'hi' }] } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).type).toBe('invalid_request_error');
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages.0.role');
  });

  it('answers throttling with 429 and retry-after', async () => {
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: 'throttle me' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(rateLimit.headers?.get('retry-after')).toBe('7');
  });

  it('ends a stream that breaks midway with an error line the client throws', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'please explode after a few words of output here' }],
      stream: true,
    });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/stream/i);
    expect(received.length).toBeGreaterThan(0);
  });
});
