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

describe('api: auto', () => {
  it('uses Converse where the model supports it', async () => {
    env.emulator.resetStats();
    await env.client().chat({ model: 'meta.llama3-8b-instruct-v1:0', messages: [userText('auto')] });
    expect(env.emulator.stats.byOperation).toEqual({ ConverseStream: 1 });
  });

  it('uses the native stream when asked', async () => {
    env.emulator.resetStats();
    await env
      .client({ api: 'invoke' })
      .chat({ model: 'meta.llama3-8b-instruct-v1:0', messages: [userText('native')] });
    expect(env.emulator.stats.byOperation).toEqual({ InvokeModelWithResponseStream: 1 });
  });
});
