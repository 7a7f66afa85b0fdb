import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, userText, withEmulator } from '../test-support/emulator.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({
    script: {
      rules: [
        {
          match: { lastUserText: 'weather in (\\w+)', hasToolResult: false },
          reply: { text: 'Checking.', toolCalls: [{ name: 'get_weather', input: { city: '$1', days: 3 } }] },
        },
        {
          match: { lastUserText: 'list issues', hasToolResult: false },
          reply: { toolCalls: [{ name: 'list_issues' }] },
        },
        { match: { hasToolResult: true }, reply: { text: 'Sunny, 21°C.' } },
      ],
    },
  });
});
afterAll(() => env.emulator.close());

const weather = {
  name: 'get_weather',
  description: 'Weather forecast for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city'],
  },
};

describe('chat and stream', () => {
  it('chat returns the message, stop reason, usage, cost, model and request id', async () => {
    const result = await env
      .client()
      .chat({ model: 'bedrock:claude-haiku-3', system: 'Be brief.', messages: [userText('Hello there')] });
    expect(result.message).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello there' }] });
    expect(result.stopReason).toBe('end_turn');
    expect(result.model).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    // Haiku 3: $0.25 / $1.25 per million tokens.
    expect(result.cost.input).toBeCloseTo((result.usage.inputTokens * 0.25) / 1e6, 12);
    expect(result.cost.output).toBeCloseTo((result.usage.outputTokens * 1.25) / 1e6, 12);
    expect(result.cost.total).toBeCloseTo(result.cost.input + result.cost.output, 12);
  });

  it('stream yields start, deltas as they arrive, stop, then a priced usage event last', async () => {
    const text = 'one two three four five six seven eight nine';
    const all = await drain(env.client().stream({ model: 'claude-haiku-3', messages: [userText(text)] }));
    expect(all[0]).toMatchObject({ type: 'message-start', role: 'assistant' });
    const deltas = all.filter((e) => e.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe(text);
    expect(all.at(-2)).toMatchObject({ type: 'message-stop', stopReason: 'end_turn' });
    const last = all.at(-1);
    expect(last?.type).toBe('usage');
    if (last?.type === 'usage') expect(last.cost.total).toBeGreaterThan(0);
  });

  it('streams tool-call arguments and completes a tool loop', async () => {
    const client = env.client();
    const first = await drain(
      client.stream({ model: 'claude-haiku-3', messages: [userText('weather in Lisbon')], tools: [weather] }),
    );
    const partials = first.filter((e) => e.type === 'tool-call-delta');
    expect(partials.length).toBeGreaterThan(1);
    const call = first.find((e) => e.type === 'tool-call');
    expect(call).toMatchObject({
      type: 'tool-call',
      name: 'get_weather',
      input: { city: 'Lisbon', days: 3 },
    });
    expect(first.find((e) => e.type === 'message-stop')).toMatchObject({ stopReason: 'tool_use' });

    const turn = await client.chat({
      model: 'claude-haiku-3',
      messages: [userText('weather in Lisbon')],
      tools: [weather],
    });
    const use = turn.message.content.find((b) => b.type === 'tool-use');
    expect(use).toMatchObject({ name: 'get_weather', input: { city: 'Lisbon', days: 3 } });
    const done = await client.chat({
      model: 'claude-haiku-3',
      tools: [weather],
      messages: [
        userText('weather in Lisbon'),
        turn.message,
        {
          role: 'user',
          content: [
            {
              type: 'tool-result',
              toolUseId: use?.type === 'tool-use' ? use.id : '',
              content: [{ type: 'json', json: { sky: 'clear' } }],
            },
          ],
        },
      ],
    });
    expect(done.message.content).toEqual([{ type: 'text', text: 'Sunny, 21°C.' }]);
  });

  it('a zero-argument tool call arrives with input {}', async () => {
    const result = await env.client().chat({
      model: 'claude-haiku-3',
      messages: [userText('list issues')],
      tools: [{ name: 'list_issues', inputSchema: { type: 'object', properties: {} } }],
    });
    expect(result.message.content).toContainEqual(
      expect.objectContaining({ type: 'tool-use', name: 'list_issues', input: {} }),
    );
  });

  it('round-trips reasoning with its signature', async () => {
    const client = env.client();
    const request = {
      model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      maxTokens: 4000,
      reasoning: { budgetTokens: 1024 },
    };
    const first = await client.chat({ ...request, messages: [userText('Think about it')] });
    const reasoning = first.message.content.find((b) => b.type === 'reasoning');
    expect(reasoning).toMatchObject({ type: 'reasoning', text: 'The user said: Think about it' });
    expect(reasoning?.type === 'reasoning' && reasoning.signature && reasoning.signature.length > 20).toBe(
      true,
    );
    const second = await client.chat({
      ...request,
      messages: [userText('Think about it'), first.message, userText('And again')],
    });
    expect(second.message.content.at(-1)).toEqual({ type: 'text', text: 'And again' });
  });

  it('sends images from bytes, base64, data: URLs and a fetched URL', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e53e0f0000000049454e44ae426082',
      'hex',
    );
    const server = (await import('node:http')).createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const result = await env.client().chat({
        model: 'claude-haiku-3',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'bytes', data: png } },
              { type: 'image', source: { type: 'base64', data: png.toString('base64') } },
              {
                type: 'image',
                source: { type: 'url', url: `data:image/png;base64,${png.toString('base64')}` },
              },
              { type: 'image', source: { type: 'url', url: `http://127.0.0.1:${port}/pixel.png` } },
              { type: 'text', text: 'four pictures' },
            ],
          },
        ],
      });
      expect(result.message.content).toEqual([{ type: 'text', text: 'four pictures' }]);
      // Four images cost far more input tokens than the text alone.
      expect(result.usage.inputTokens).toBeGreaterThan(4 * 1000);
    } finally {
      server.close();
    }
  });

  it('refuses a non-image download with a ValidationError naming the block', async () => {
    await expect(
      env.client().chat({
        model: 'claude-haiku-3',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: 'data:text/plain;base64,aGVsbG8=' } },
              { type: 'text', text: 'x' },
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'validation_error', path: 'messages.0.content.0' });
  });

  it('stop sequences and max tokens come back as stop reasons', async () => {
    const client = env.client();
    const stopped = await client.chat({
      model: 'claude-haiku-3',
      stopSequences: ['STOP'],
      messages: [userText('go on STOP and more')],
    });
    expect(stopped.stopReason).toBe('stop_sequence');
    expect(stopped.message.content).toEqual([{ type: 'text', text: 'go on ' }]);
    const cut = await client.chat({
      model: 'claude-haiku-3',
      maxTokens: 2,
      messages: [userText('a long answer that will not fit at all')],
    });
    expect(cut.stopReason).toBe('max_tokens');
  });
});
