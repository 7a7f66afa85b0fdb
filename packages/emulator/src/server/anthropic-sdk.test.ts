import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const client = () =>
  new AnthropicBedrock({
    awsAccessKey: 'test',
    awsSecretKey: 'test',
    awsRegion: 'us-east-1',
    baseURL: emulator.url,
    maxRetries: 0,
  });

describe("Anthropic's official Bedrock SDK", () => {
  it('streams a message', async () => {
    const stream = client().messages.stream({
      model: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Stream me, please, in several parts' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Stream me, please, in several parts');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('creates a message without streaming', async () => {
    const message = await client().messages.create({
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'plain call' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'plain call' });
  });
});
