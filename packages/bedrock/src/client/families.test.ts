import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userText, withEmulator } from '../test-support/emulator.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(() => env.emulator.close());

/** One model per native family; each must give the same answer through Converse and InvokeModel. */
const MODELS = [
  ['Anthropic Messages', 'anthropic.claude-3-haiku-20240307-v1:0'],
  ['Claude v2 text', 'anthropic.claude-v2:1'],
  ['Titan Text', 'amazon.titan-text-express-v1'],
  ['Nova', 'amazon.nova-lite-v1:0'],
  ['Llama 2', 'meta.llama2-13b-chat-v1'],
  ['Llama 3', 'meta.llama3-8b-instruct-v1:0'],
  ['Mistral', 'mistral.mistral-7b-instruct-v0:2'],
  ['Cohere Command R', 'cohere.command-r-v1:0'],
] as const;

const conversation = [
  userText('Hi there'),
  { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'Hello!' }] },
  userText('Tell me about the sea, please'),
];

describe.each(MODELS)('%s (%s) through both APIs', (_name, model) => {
  it('gives equivalent results via Converse and native InvokeModel', async () => {
    const request = { model, messages: conversation, maxTokens: 300 };
    const viaConverse = await env.client({ api: 'converse' }).chat(request);
    const viaInvoke = await env.client({ api: 'invoke' }).chat(request);
    expect(viaConverse.message.content).toEqual([{ type: 'text', text: 'Tell me about the sea, please' }]);
    expect(viaInvoke.message.content).toEqual(viaConverse.message.content);
    expect(viaInvoke.stopReason).toBe(viaConverse.stopReason);
    expect(viaInvoke.usage.outputTokens).toBe(viaConverse.usage.outputTokens);
    expect(viaInvoke.usage.inputTokens).toBeGreaterThan(0);
    expect(viaInvoke.cost.total).toBeGreaterThan(0);
  });

  it('takes a system prompt on both paths', async () => {
    const request = { model, system: 'Answer in one line.', messages: [userText('short question')] };
    const [a, b] = await Promise.all([
      env.client({ api: 'converse' }).chat(request),
      env.client({ api: 'invoke' }).chat(request),
    ]);
    expect(a.message.content).toEqual(b.message.content);
  });
});

describe.each(MODELS)('%s (%s): chat() whole or collected from a stream', (_name, model) => {
  it.each(['converse', 'invoke'] as const)('answers the same through %s', async (api) => {
    const request = { model, messages: conversation, maxTokens: 300 };
    const whole = await env.client({ api }).chat(request);
    const streamed = await env.client({ api, chatReply: 'stream' }).chat(request);
    // Each call has its own request id and measured latency; everything else must match.
    const { requestId: _a, latencyMs: _c, ...wholeRest } = whole as typeof whole & { latencyMs?: number };
    const {
      requestId: _b,
      latencyMs: _d,
      ...streamedRest
    } = streamed as typeof streamed & {
      latencyMs?: number;
    };
    expect(whole.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(wholeRest).toEqual(streamedRest);
  });
});

describe('which operation each call uses', () => {
  const ask = { model: 'meta.llama3-8b-instruct-v1:0', messages: [userText('which')] };
  const drain = async (events: AsyncIterable<unknown>) => {
    for await (const _ of events);
  };

  it.each([
    ['auto', 'chat', {}, 'Converse'],
    ['auto', 'stream', {}, 'ConverseStream'],
    ['auto', 'chat, chatReply: stream', { chatReply: 'stream' }, 'ConverseStream'],
    ['invoke', 'chat', { api: 'invoke' }, 'InvokeModel'],
    ['invoke', 'stream', { api: 'invoke' }, 'InvokeModelWithResponseStream'],
  ] as const)('api %s, %s → %s', async (_api, how, options, operation) => {
    env.emulator.resetStats();
    const client = env.client(options);
    if (how === 'stream') await drain(client.stream(ask));
    else await client.chat(ask);
    expect(env.emulator.stats.byOperation).toEqual({ [operation]: 1 });
  });
});
