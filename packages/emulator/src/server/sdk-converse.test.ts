import {
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  CountTokensCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeClient, TRANSPORTS } from '../test-support/clients.js';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: {
      rules: [
        {
          match: { lastUserText: 'weather in (\\w+)', hasToolResult: false },
          reply: {
            text: 'Let me look.',
            toolCalls: [{ name: 'get_weather', input: { city: '$1', units: 'metric' } }],
          },
        },
        { match: { lastUserText: 'list issues' }, reply: { toolCalls: [{ name: 'list_issues' }] } },
        { match: { lastToolResult: '"sky":"(\\w+)"' }, reply: { text: 'The sky is $1.' } },
        { match: { hasToolResult: true }, reply: { text: 'It is sunny.' } },
      ],
    },
  });
});
afterAll(() => emulator.close());

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined) {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

const weatherTool = {
  tools: [
    {
      toolSpec: {
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    },
  ],
};

describe.each(TRANSPORTS)('the official runtime client over %s', (transport) => {
  const client = () => runtimeClient(emulator.url, { transport });

  it('Converse echoes the last user text, with usage and a request id', async () => {
    const out = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        system: [{ text: 'Be brief.' }],
        messages: [{ role: 'user', content: [{ text: 'Hello from the SDK' }] }],
      }),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('Hello from the SDK');
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage?.inputTokens).toBeGreaterThan(0);
    expect(out.usage?.totalTokens).toBe((out.usage?.inputTokens ?? 0) + (out.usage?.outputTokens ?? 0));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ConverseStream sends the text in several deltas, then stop and metadata', async () => {
    const text = 'one two three four five six seven eight nine ten';
    const out = await client().send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [{ text }] }] }),
    );
    const events = await collect(out.stream);
    const deltas = events.flatMap((e) =>
      e.contentBlockDelta?.delta?.text ? [e.contentBlockDelta.delta.text] : [],
    );
    expect(events[0]?.messageStart?.role).toBe('assistant');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(text);
    expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
    expect(events.at(-1)?.metadata?.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('ConverseStream streams tool-call arguments that join into the scripted input', async () => {
    const out = await client().send(
      new ConverseStreamCommand({
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: "What's the weather in Paris?" }] }],
        toolConfig: weatherTool,
      }),
    );
    const events = await collect(out.stream);
    const start = events.find((e) => e.contentBlockStart?.start?.toolUse)?.contentBlockStart;
    expect(start?.start?.toolUse?.name).toBe('get_weather');
    const partials = events.flatMap((e) =>
      e.contentBlockDelta?.contentBlockIndex === start?.contentBlockIndex &&
      e.contentBlockDelta?.delta?.toolUse
        ? [e.contentBlockDelta.delta.toolUse.input ?? '']
        : [],
    );
    expect(partials.length).toBeGreaterThan(1);
    expect(JSON.parse(partials.join(''))).toEqual({ city: 'Paris', units: 'metric' });
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('a zero-argument tool call streams an empty input string', async () => {
    const out = await client().send(
      new ConverseStreamCommand({
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: 'list issues please' }] }],
        toolConfig: {
          tools: [{ toolSpec: { name: 'list_issues', inputSchema: { json: { type: 'object' } } } }],
        },
      }),
    );
    const events = await collect(out.stream);
    const inputs = events.flatMap((e) =>
      e.contentBlockDelta?.delta?.toolUse ? [e.contentBlockDelta.delta.toolUse.input] : [],
    );
    expect(inputs).toEqual(['']);
  });

  it('Converse completes a tool round trip', async () => {
    const first = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: 'weather in Oslo' }] }],
        toolConfig: weatherTool,
      }),
    );
    const toolUse = first.output?.message?.content?.find((b) => b.toolUse)?.toolUse;
    expect(toolUse?.input).toEqual({ city: 'Oslo', units: 'metric' });
    const second = await client().send(
      new ConverseCommand({
        modelId: HAIKU,
        toolConfig: weatherTool,
        messages: [
          { role: 'user', content: [{ text: 'weather in Oslo' }] },
          { role: 'assistant', content: first.output?.message?.content ?? [] },
          {
            role: 'user',
            content: [
              { toolResult: { toolUseId: toolUse?.toolUseId ?? '', content: [{ json: { sky: 'clear' } }] } },
            ],
          },
        ],
      }),
    );
    expect(second.output?.message?.content?.[0]?.text).toBe('The sky is clear.');
  });

  it('streams reasoning with a signature when thinking is enabled', async () => {
    const out = await client().send(
      new ConverseStreamCommand({
        modelId: SONNET_37,
        messages: [{ role: 'user', content: [{ text: 'Think first' }] }],
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    );
    const events = await collect(out.stream);
    const reasoning = events.flatMap((e) =>
      e.contentBlockDelta?.delta?.reasoningContent ? [e.contentBlockDelta.delta.reasoningContent] : [],
    );
    expect(reasoning.map((r) => r.text ?? '').join('')).toContain('Think first');
    expect(reasoning.some((r) => typeof r.signature === 'string' && r.signature.length > 10)).toBe(true);
    const text = events.flatMap((e) =>
      e.contentBlockDelta?.delta?.text ? [e.contentBlockDelta.delta.text] : [],
    );
    expect(text.join('')).toBe('Think first');
  });

  it('CountTokens counts a Converse input, more for a longer one', async () => {
    const count = async (text: string) =>
      (
        await client().send(
          new CountTokensCommand({
            modelId: HAIKU,
            input: { converse: { messages: [{ role: 'user', content: [{ text }] }] } },
          }),
        )
      ).inputTokens ?? 0;
    const short = await count('hi');
    const long = await count('hi '.repeat(200));
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short);
  });
});

describe('prompt caching', () => {
  it('reports a cache write, then a cache read for the same prefix', async () => {
    const client = runtimeClient(emulator.url);
    const system = [
      { text: 'You are a careful assistant. '.repeat(200) },
      { cachePoint: { type: 'default' as const } },
    ];
    const ask = (text: string) =>
      client.send(
        new ConverseCommand({ modelId: HAIKU, system, messages: [{ role: 'user', content: [{ text }] }] }),
      );
    const first = await ask('first question');
    const second = await ask('second question');
    expect(first.usage?.cacheWriteInputTokens).toBeGreaterThan(1000);
    expect(first.usage?.cacheReadInputTokens).toBe(0);
    expect(second.usage?.cacheReadInputTokens).toBe(first.usage?.cacheWriteInputTokens);
    expect(second.usage?.cacheWriteInputTokens).toBe(0);
  });
});
