import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, userText, withEmulator } from '../test-support/emulator.js';
import type { ChatEvent, ChatResult } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({
    script: {
      rules: [
        {
          match: { lastUserText: 'keep it secret' },
          reply: {
            reasoning: { redacted: Buffer.from('opaque thoughts').toString('base64') },
            text: 'Done.',
          },
        },
        {
          match: { lastUserText: 'forbidden' },
          reply: { text: 'Sorry, I cannot help with that.', stopReason: 'guardrail_intervened' },
        },
        {
          match: { lastUserText: 'weather in (\\w+)' },
          reply: { text: 'Checking.', toolCalls: [{ name: 'get_weather', input: { city: '$1', days: 3 } }] },
        },
      ],
    },
  });
});
afterAll(() => env.emulator.close());

const weather = {
  name: 'get_weather',
  description: 'Weather forecast for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
};

/** Each call has its own request id, tool-call ids and measured latency; the rest of a result is the reply. */
const reply = ({ requestId: _, ...rest }: ChatResult) => {
  const { latencyMs: _latency, ...withoutLatency } = rest as typeof rest & { latencyMs?: number };
  const content = rest.message.content.map((block) =>
    block.type === 'tool-use' ? { ...block, id: block.id.replace(/_.*/, '_…') } : block,
  );
  return { ...withoutLatency, message: { ...rest.message, content } };
};

describe('chat(): the whole reply', () => {
  it.each<[string, ChatRequest]>([
    ['text', { model: 'claude-haiku-3', system: 'Be brief.', messages: [userText('plain words here')] }],
    ['a tool call', { model: 'claude-haiku-3', messages: [userText('weather in Lisbon')], tools: [weather] }],
    [
      'reasoning with its signature',
      {
        model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        maxTokens: 4000,
        reasoning: { budgetTokens: 1024 },
        messages: [userText('Think about it')],
      },
    ],
    [
      'redacted reasoning',
      {
        model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        maxTokens: 4000,
        reasoning: { budgetTokens: 1024 },
        messages: [userText('keep it secret')],
      },
    ],
    [
      'a stop sequence',
      { model: 'claude-haiku-3', stopSequences: ['STOP'], messages: [userText('go STOP')] },
    ],
    ['max tokens', { model: 'nova-lite', maxTokens: 2, messages: [userText('a reply too long to fit')] }],
  ])('answers %s exactly as the stream collected does', async (_what, request) => {
    env.emulator.resetStats();
    const whole = await env.client().chat(request);
    const streamed = await env.client({ chatReply: 'stream' }).chat(request);
    expect(env.emulator.stats.byOperation).toEqual({ Converse: 1, ConverseStream: 1 });
    expect(whole.message.content.length).toBeGreaterThan(0);
    expect(whole.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply(whole)).toEqual(reply(streamed));
  });
});

describe('stream(): a model that cannot stream the request', () => {
  const llamaTools: ChatRequest = {
    model: 'meta.llama3-1-70b-instruct-v1:0',
    messages: [userText('weather in Porto')],
    tools: [weather],
  };

  it('serves tool use without streaming tool use (Llama 3.1) from the whole reply, as stream events', async () => {
    env.emulator.resetStats();
    const events = await drain(env.client().stream(llamaTools));
    expect(env.emulator.stats.byOperation).toEqual({ Converse: 1 });
    expect(events.map((e) => e.type)).toEqual([
      'message-start',
      'text-delta',
      'content-block-stop',
      'tool-call-start',
      'tool-call-delta',
      'tool-call',
      'content-block-stop',
      'message-stop',
      'usage',
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'tool-call', name: 'get_weather', input: { city: 'Porto', days: 3 } }),
    );
    expect(events.at(-1)).toMatchObject({ type: 'usage', cost: { total: expect.any(Number) } });
  });

  it('still streams that model without tools, and asks ConverseStream when the model streams tools', async () => {
    env.emulator.resetStats();
    await drain(env.client().stream({ ...llamaTools, tools: [] }));
    await drain(env.client().stream({ ...llamaTools, model: 'claude-haiku-3' }));
    expect(env.emulator.stats.byOperation).toEqual({ ConverseStream: 2 });
  });

  it('replays the guardrail trace and intervention as a stream carries them', async () => {
    const guardrail = { identifier: 'grstratatest1', version: '1', trace: 'enabled' as const };
    const ask = { guardrail, messages: [userText('something forbidden')], tools: [weather] };
    const whole = await drain(env.client().stream({ ...ask, model: llamaTools.model }));
    const streamed = await drain(env.client().stream({ ...ask, model: 'claude-haiku-3' }));
    const tail = (events: ChatEvent[]) =>
      events.filter((e) => e.type === 'message-stop' || e.type === 'guardrail');
    expect(tail(whole)).toEqual(tail(streamed));
    expect(tail(whole)).toEqual([
      { type: 'message-stop', stopReason: 'guardrail_intervened' },
      {
        type: 'guardrail',
        trace: expect.objectContaining({
          inputAssessment: { grstratatest1: { contentPolicy: expect.any(Object) } },
          actionReason: 'Guardrail blocked.',
        }),
      },
    ]);
  });

  it('chatReply: stream takes the whole reply too rather than fail', async () => {
    env.emulator.resetStats();
    const result = await env.client({ chatReply: 'stream' }).chat(llamaTools);
    expect(result.stopReason).toBe('tool_use');
    expect(env.emulator.stats.byOperation).toEqual({ Converse: 1 });
  });
});
