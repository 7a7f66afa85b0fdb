/**
 * The official Anthropic Bedrock client against the codec, through a fake `fetch`: the bodies it sends
 * must decode, and the answers (JSON and event stream) must parse into the message it expects.
 */
import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import type { ConversationView, Reply } from '../conversation/types.js';
import { anthropicMessages } from './anthropic-messages.js';
import { ctx, metrics, usage } from './test-support/native-fixtures.js';

const reply: Reply = {
  blocks: [
    { type: 'reasoning', text: 'The user wants weather.', signature: 'sig-1' },
    { type: 'text', text: 'Checking the weather now.' },
    {
      type: 'toolUse',
      toolUseId: 'toolu_bdrk_0000000a',
      name: 'get_weather',
      input: { city: 'Paris', days: [1, 2] },
    },
  ],
  stopReason: 'tool_use',
};

const frameCodec = new EventStreamCodec(toUtf8, fromUtf8);

/** InvokeModelWithResponseStream's body: one `chunk` frame per event, its JSON base64 in `bytes`. */
function eventStream(chunks: unknown[]): Uint8Array {
  const frames = chunks.map((chunk) =>
    frameCodec.encode({
      headers: {
        ':event-type': { type: 'string', value: 'chunk' },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'event' },
      },
      body: fromUtf8(JSON.stringify({ bytes: Buffer.from(JSON.stringify(chunk)).toString('base64') })),
    }),
  );
  return Buffer.concat(frames);
}

function emulatedClient(seen: ConversationView[]) {
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const view = anthropicMessages.decodeRequest(JSON.parse(String(init?.body)));
    seen.push(view);
    const native = ctx({ modelId: 'anthropic.claude-sonnet-4-20250514-v1:0' });
    if (String(url).endsWith('/invoke-with-response-stream')) {
      const body = eventStream(anthropicMessages.encodeStream(reply, usage, metrics, native));
      return new Response(body, { headers: { 'content-type': 'application/vnd.amazon.eventstream' } });
    }
    const body = JSON.stringify(anthropicMessages.encodeResponse(reply, usage, native));
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
  return new AnthropicBedrock({ skipAuth: true, apiKey: null, awsRegion: 'us-east-1', fetch, maxRetries: 0 });
}

const params = {
  model: 'anthropic.claude-sonnet-4-20250514-v1:0',
  max_tokens: 2048,
  system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
  messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
  tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' as const } }],
  thinking: { type: 'enabled' as const, budget_tokens: 1024 },
};

const expectedContent = [
  { type: 'thinking', thinking: 'The user wants weather.', signature: 'sig-1' },
  { type: 'text', text: 'Checking the weather now.' },
  {
    type: 'tool_use',
    id: 'toolu_bdrk_0000000a',
    name: 'get_weather',
    input: { city: 'Paris', days: [1, 2] },
  },
];

describe('@anthropic-ai/bedrock-sdk against the anthropic-messages codec', () => {
  it('sends a body the codec accepts and reads the InvokeModel answer', async () => {
    const seen: ConversationView[] = [];
    const message = await emulatedClient(seen).messages.create(params);
    expect(seen[0]).toMatchObject({ tools: ['get_weather'], reasoning: true, maxTokens: 2048 });
    expect(message).toMatchObject({
      id: 'msg_bdrk_0000000a',
      model: 'claude-sonnet-4-20250514',
      stop_reason: 'tool_use',
      content: expectedContent,
      usage: { input_tokens: 42, output_tokens: 17 },
    });
  });

  it('assembles the streamed events into the same message', async () => {
    const stream = emulatedClient([]).messages.stream(params);
    const message = await stream.finalMessage();
    expect(message).toMatchObject({
      id: 'msg_bdrk_0000000a',
      stop_reason: 'tool_use',
      content: expectedContent,
      usage: { input_tokens: 42, output_tokens: 17 },
    });
  });
});
