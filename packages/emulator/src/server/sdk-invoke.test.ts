import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runtimeClient, TRANSPORTS } from '../test-support/clients.js';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

type Json = Record<string, unknown>;
const ASK = 'Tell me about the ocean';

interface Family {
  name: string;
  modelId: string;
  body: Json;
  /** The reply text of a complete response body. */
  text: (body: Json) => string;
  /** The text delta of one stream chunk ('' when the chunk carries none). */
  delta: (chunk: Json) => string;
}

const first = (value: unknown): Json => ((value as Json[] | undefined)?.[0] ?? {}) as Json;

const FAMILIES: Family[] = [
  {
    name: 'Anthropic Messages',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      system: 'Be brief.',
      messages: [{ role: 'user', content: ASK }],
    },
    text: (b) => String(first(b.content).text),
    delta: (c) => (c.type === 'content_block_delta' ? String((c.delta as Json).text ?? '') : ''),
  },
  {
    name: 'Claude v2 text completions',
    modelId: 'anthropic.claude-v2:1',
    body: { prompt: `\n\nHuman: ${ASK}\n\nAssistant:`, max_tokens_to_sample: 200 },
    text: (b) => String(b.completion),
    delta: (c) => String(c.completion ?? ''),
  },
  {
    name: 'Amazon Titan Text',
    modelId: 'amazon.titan-text-express-v1',
    body: { inputText: ASK, textGenerationConfig: { maxTokenCount: 200 } },
    text: (b) => String(first(b.results).outputText),
    delta: (c) => String(c.outputText ?? ''),
  },
  {
    name: 'Amazon Nova',
    modelId: 'amazon.nova-lite-v1:0',
    body: {
      schemaVersion: 'messages-v1',
      messages: [{ role: 'user', content: [{ text: ASK }] }],
      inferenceConfig: { maxTokens: 200 },
    },
    text: (b) => String(first(((b.output as Json).message as Json).content).text),
    delta: (c) => String(((c.contentBlockDelta as Json | undefined)?.delta as Json | undefined)?.text ?? ''),
  },
  {
    name: 'Meta Llama 2',
    modelId: 'meta.llama2-13b-chat-v1',
    body: { prompt: `<s>[INST] ${ASK} [/INST]`, max_gen_len: 200 },
    text: (b) => String(b.generation),
    delta: (c) => String(c.generation ?? ''),
  },
  {
    name: 'Meta Llama 3',
    modelId: 'meta.llama3-8b-instruct-v1:0',
    body: {
      prompt: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${ASK}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
      max_gen_len: 200,
    },
    text: (b) => String(b.generation),
    delta: (c) => String(c.generation ?? ''),
  },
  {
    name: 'Mistral',
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    body: { prompt: `<s>[INST] ${ASK} [/INST]`, max_tokens: 200 },
    text: (b) => String(first(b.outputs).text),
    delta: (c) => String(first(c.outputs).text ?? ''),
  },
  {
    name: 'Cohere Command R',
    modelId: 'cohere.command-r-v1:0',
    body: {
      message: ASK,
      chat_history: [
        { role: 'USER', message: 'hi' },
        { role: 'CHATBOT', message: 'hello' },
      ],
      max_tokens: 200,
    },
    text: (b) => String(b.text),
    delta: (c) => (c.event_type === 'text-generation' ? String(c.text ?? '') : ''),
  },
];

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

describe.each(TRANSPORTS)('InvokeModel native bodies over %s', (transport) => {
  describe.each(FAMILIES)('$name', (family) => {
    it('InvokeModel answers the native response with token-count headers', async () => {
      const out = await runtimeClient(emulator.url, { transport }).send(
        new InvokeModelCommand({
          modelId: family.modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(family.body),
        }),
      );
      expect(out.contentType).toBe('application/json');
      expect(family.text(jsonOf(out.body))).toBe(ASK);
    });

    it('InvokeModelWithResponseStream streams native chunks ending with invocation metrics', async () => {
      const out = await runtimeClient(emulator.url, { transport }).send(
        new InvokeModelWithResponseStreamCommand({
          modelId: family.modelId,
          contentType: 'application/json',
          body: JSON.stringify(family.body),
        }),
      );
      const chunks: Json[] = [];
      for await (const event of out.body ?? [])
        if (event.chunk?.bytes) chunks.push(jsonOf(event.chunk.bytes));
      expect(chunks.map(family.delta).filter(Boolean).length).toBeGreaterThan(1);
      expect(chunks.map(family.delta).join('')).toBe(ASK);
      const metrics = chunks.at(-1)?.['amazon-bedrock-invocationMetrics'] as Json | undefined;
      expect(metrics?.inputTokenCount).toBeGreaterThan(0);
      expect(metrics?.outputTokenCount).toBeGreaterThan(0);
    });
  });
});

describe('InvokeModel response headers', () => {
  it('carry the token counts and latency', async () => {
    const res = await fetch(`${emulator.url}/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke`, {
      method: 'POST',
      headers: { authorization: 'Bearer ABSKEXAMPLEemulatortest0001', 'content-type': 'application/json' },
      body: JSON.stringify(FAMILIES[0]!.body),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const usage = body.usage as Json;
    expect(res.headers.get('x-amzn-bedrock-input-token-count')).toBe(String(usage.input_tokens));
    expect(res.headers.get('x-amzn-bedrock-output-token-count')).toBe(String(usage.output_tokens));
    expect(Number(res.headers.get('x-amzn-bedrock-invocation-latency'))).toBeGreaterThanOrEqual(0);
  });

  it('a malformed native body is a ValidationException naming the problem', async () => {
    const res = await fetch(`${emulator.url}/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke`, {
      method: 'POST',
      headers: { authorization: 'Bearer ABSKEXAMPLEemulatortest0001', 'content-type': 'application/json' },
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(((await res.json()) as Json).message).toMatch(/^Malformed input request: .*max_tokens/);
  });
});
