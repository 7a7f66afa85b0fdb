import type { Bedrock, ChatEvent, ChatRequest, Cost } from '@strata/bedrock';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAnthropicRoutes } from '../anthropic/routes.js';
import { registerOpenAiRoutes } from '../openai/routes.js';
import type { CompatDeps } from './deps.js';

const cost: Cost = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  total: 0.5,
  cacheSavings: 0,
  currency: 'USD',
};
const usage = {
  inputTokens: 1,
  outputTokens: 1,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  totalTokens: 2,
};

/** A Bedrock whose stream says one word, then waits until its request is aborted. */
function hangingBedrock(seen: { signal?: AbortSignal }): Bedrock {
  return {
    async *stream(request: ChatRequest): AsyncGenerator<ChatEvent> {
      seen.signal = request.signal;
      yield { type: 'message-start', role: 'assistant', model: 'm' };
      yield { type: 'text-delta', index: 0, text: 'Hello' };
      await new Promise((resolve) => request.signal?.addEventListener('abort', resolve));
      throw new Error('aborted');
    },
    async chat() {
      return {
        message: { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
        stopReason: 'end_turn',
        usage,
        cost,
        model: 'm',
      };
    },
  } as unknown as Bedrock;
}

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function serve(deps: CompatDeps): Promise<string> {
  app = Fastify();
  registerOpenAiRoutes(app, deps);
  registerAnthropicRoutes(app, deps);
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('request lifecycle', () => {
  it.each([
    ['/v1/chat/completions', { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }],
    [
      '/v1/messages',
      { model: 'm', stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
    ],
  ])('aborts the Bedrock call when the client of %s disconnects mid-stream', async (path, body) => {
    const seen: { signal?: AbortSignal } = {};
    const url = await serve({ bedrock: hangingBedrock(seen), listModels: async () => [] });
    const controller = new AbortController();
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('data: ');
    controller.abort();
    await expect.poll(() => seen.signal?.aborted, { timeout: 5000 }).toBe(true);
  });

  it('still answers when recording usage fails', async () => {
    const url = await serve({
      bedrock: hangingBedrock({}),
      listModels: async () => [],
      onUsage: () => {
        throw new Error('ledger down');
      },
    });
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message
        .content,
    ).toBe('Hi');
  });

  it('answers unparsable JSON in each dialect', async () => {
    const url = await serve({ bedrock: hangingBedrock({}), listModels: async () => [] });
    const post = (path: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model":',
      });
    const openai = await post('/v1/chat/completions');
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null, code: null },
    });
    const anthropic = await post('/v1/messages');
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
