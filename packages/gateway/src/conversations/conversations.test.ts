import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, readSse, startGateway, testTargets } from '../test-support/gateway-harness.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe.each(testTargets())('the chat app API on $name', ({ target }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(target, {
      rules: [
        {
          match: { lastUserText: '^write the file$', hasToolResult: false },
          reply: {
            text: 'Writing.',
            toolCalls: [{ name: 'Write', input: { path: 'out.txt', content: 'from the agent' } }],
          },
        },
        { match: { lastUserText: '^slowly (.*)$' }, reply: { text: '$1' }, fault: 'slow;ms=150' },
        { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tool said: $1' } },
      ],
    });
  });
  afterAll(() => h.close());

  const create = async (model = 'claude-haiku-3') =>
    (await (await api(h.url).post('/api/conversations', { title: 'Test', model })).json()) as { id: string };

  it('creates, lists, renames and deletes conversations', async () => {
    const client = api(h.url);
    const created = await client.post('/api/conversations', {
      title: 'First',
      model: 'bedrock:claude-sonnet-3.5',
    });
    expect(created.status).toBe(201);
    const conversation = (await created.json()) as { id: string; model: string };
    expect(conversation.model).toBe('bedrock:claude-sonnet-3.5');
    const list = (await (await client.get('/api/conversations')).json()) as {
      conversations: { id: string }[];
    };
    expect(list.conversations.map((c) => c.id)).toContain(conversation.id);
    const renamed = (await (
      await client.patch(`/api/conversations/${conversation.id}`, { title: 'Renamed' })
    ).json()) as { title: string };
    expect(renamed.title).toBe('Renamed');
    expect((await client.delete(`/api/conversations/${conversation.id}`)).status).toBe(204);
    expect((await client.get(`/api/conversations/${conversation.id}`)).status).toBe(404);
  });

  it('refuses an unknown model with a 404 naming close matches', async () => {
    const res = await api(h.url).post('/api/conversations', { model: 'claude-haiku-33' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
  });

  it('streams a turn as SSE, stores both messages with usage and cost', async () => {
    const { id } = await create();
    const res = await api(h.url).post(`/api/conversations/${id}/messages`, {
      text: 'Hello gateway, stream this',
      images: [{ mediaType: 'image/png', data: PNG }],
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readSse(res);
    expect(events[0]?.event).toBe('turn');
    const tokens = events
      .filter((e) => e.event === 'token')
      .map((e) => e.data.text)
      .join('');
    expect(tokens).toBe('Hello gateway, stream this');
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    expect(done?.data.stopReason).toBe('end_turn');
    expect(done?.data.costUsd).toBeGreaterThan(0);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => (events[0]?.id ?? 1) + i));
    const detail = (await (await api(h.url).get(`/api/conversations/${id}`)).json()) as {
      messages: { role: string; status: string; content: { type: string }[]; costUsd: number | null }[];
    };
    expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(detail.messages[0]?.content.map((b) => b.type)).toEqual(['image', 'text']);
    expect(detail.messages[1]?.costUsd).toBeGreaterThan(0);
    const usage = (await (await api(h.url).get('/api/usage?by=model')).json()) as {
      rows: { key: string; costUsd: number }[];
    };
    expect(usage.rows.find((r) => r.key === 'claude-haiku-3')?.costUsd).toBeGreaterThan(0);
    const csv = await (await api(h.url).get('/api/usage?by=day&format=csv')).text();
    expect(csv.split('\n')[0]).toBe(
      'day,requests,input_tokens,output_tokens,cache_read_input_tokens,cache_write_input_tokens,cost_usd',
    );
    const today = new Date().toISOString().slice(0, 10);
    const byDayModel = (await (await api(h.url).get('/api/usage?by=day-model')).json()) as {
      by: string;
      rows: { key: string; requests: number; costUsd: number }[];
    };
    expect(byDayModel.by).toBe('day-model');
    const row = byDayModel.rows.find((r) => r.key === `${today}|claude-haiku-3`);
    expect(row?.requests).toBeGreaterThanOrEqual(1);
    expect(row?.costUsd).toBeGreaterThan(0);
    const dayModelCsv = (await (await api(h.url).get('/api/usage?by=day-model&format=csv')).text()).split(
      '\n',
    );
    expect(dayModelCsv[0]).toBe(
      'day,model,requests,input_tokens,output_tokens,cache_read_input_tokens,cache_write_input_tokens,cost_usd',
    );
    expect(dayModelCsv).toContainEqual(
      expect.stringMatching(new RegExp(`^"${today}","claude-haiku-3",\\d+,`)),
    );
    // One spelling only: the comma form is refused.
    expect((await api(h.url).get('/api/usage?by=day,model')).status).toBe(400);
  });

  it('asks for approval over SSE and runs the tool once allowed', async () => {
    const { id } = await create();
    const res = await api(h.url).post(`/api/conversations/${id}/messages`, { text: 'write the file' });
    const events = await readSse(res, (event) => {
      if (event.event === 'approval_request')
        void api(h.url).post(`/api/approvals/${encodeURIComponent(String(event.data.id))}`, {
          decision: 'allow',
        });
      return event.event === 'done';
    });
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['tool_call', 'approval_request', 'approval_decision', 'tool_result', 'done']),
    );
    expect(readFileSync(join(h.workspace, 'out.txt'), 'utf8')).toBe('from the agent');
    const detail = (await (await api(h.url).get(`/api/conversations/${id}`)).json()) as {
      messages: { role: string }[];
    };
    expect(detail.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('a denied approval keeps the file untouched and the model is told', async () => {
    writeFileSync(join(h.workspace, 'out.txt'), 'untouched');
    const { id } = await create();
    const res = await api(h.url).post(`/api/conversations/${id}/messages`, { text: 'write the file' });
    const events = await readSse(res, (event) => {
      if (event.event === 'approval_request')
        void api(h.url).post(`/api/approvals/${encodeURIComponent(String(event.data.id))}`, {
          decision: 'deny',
          reason: 'no writes',
        });
      return event.event === 'done';
    });
    expect(readFileSync(join(h.workspace, 'out.txt'), 'utf8')).toBe('untouched');
    const said = events.filter((e) => e.event === 'token').map((e) => e.data.text);
    expect(said.join('')).toContain('no writes');
  });

  it('resumes a turn from Last-Event-ID and aborts a running turn, marking it so', async () => {
    const { id } = await create();
    const controller = new AbortController();
    const res = await api(h.url).post(`/api/conversations/${id}/messages`, {
      text: `slowly ${'word '.repeat(40)}`,
    });
    const first = await readSse(res, (e) => e.event === 'token' && Number(e.id) >= 4);
    const lastId = first.at(-1)?.id ?? 0;
    const resumed = await fetch(`${h.url}/api/conversations/${id}/events`, {
      headers: { 'last-event-id': String(lastId) },
      signal: controller.signal,
    });
    // The resumed stream is open while the turn runs: the gauge shows it.
    const live = await (await fetch(`${h.url}/metrics`)).text();
    expect(Number(/^strata_open_streams (\d+)/m.exec(live)?.[1])).toBeGreaterThanOrEqual(1);
    const abort = api(h.url).post(`/api/conversations/${id}/abort`);
    const rest = await readSse(resumed);
    expect(((await (await abort).json()) as { aborted: boolean }).aborted).toBe(true);
    expect(rest[0]?.id).toBe(lastId + 1);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'aborted' } });
    const detail = (await (await api(h.url).get(`/api/conversations/${id}`)).json()) as {
      messages: { status: string; content: { text?: string }[] }[];
    };
    expect(detail.messages[1]?.status).toBe('aborted');
    expect(detail.messages[1]?.content[0]?.text?.length).toBeGreaterThan(0);
  });

  it('settings round-trip and validate the model', async () => {
    const client = api(h.url);
    expect(
      ((await (await client.put('/api/settings', { model: 'claude-haiku-3' })).json()) as { model: string })
        .model,
    ).toBe('claude-haiku-3');
    expect(
      (await (await client.get('/api/settings')).json()) as { cliProvider: string; model: string },
    ).toMatchObject({ cliProvider: 'bedrock', model: 'claude-haiku-3' });
    expect((await client.put('/api/settings', { model: 'nope-model-x' })).status).toBe(404);
    expect((await client.put('/api/settings', { colour: 'red' })).status).toBe(400);
  });

  it('health, readiness, metrics, status and models', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`${h.url}/readyz`)).json()) as { ok: boolean };
    expect(ready.ok).toBe(true);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/strata_http_requests_total/);
    expect(metrics).toMatch(/strata_tokens_total/);
    expect(((await (await api(h.url).get('/api/status')).json()) as { emulator: boolean }).emulator).toBe(
      true,
    );
    const models = (await (await api(h.url).get('/api/models')).json()) as {
      models: { aliases: string[] }[];
    };
    expect(models.models.some((m) => m.aliases.includes('claude-sonnet-3.5'))).toBe(true);
  });
});

describe('API keys', () => {
  const KEY_A = 'sk-strata-test-key-aaaaaaaaaaaaaaaa';
  const KEY_B = 'sk-strata-test-key-bbbbbbbbbbbbbbbb';
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(testTargets()[0]!.target, { apiKeys: [KEY_A, KEY_B] });
  });
  afterAll(() => h.close());

  it('refuses a missing or wrong key', async () => {
    expect((await api(h.url).get('/api/conversations')).status).toBe(401);
    expect((await api(h.url, 'sk-strata-wrong-key-cccccccccccccc').get('/api/conversations')).status).toBe(
      401,
    );
  });

  it('each key sees only its own conversations', async () => {
    const a = api(h.url, KEY_A);
    const b = api(h.url, KEY_B);
    const mine = (await (await a.post('/api/conversations', { model: 'claude-haiku-3' })).json()) as {
      id: string;
    };
    expect((await b.get(`/api/conversations/${mine.id}`)).status).toBe(404);
    expect((await b.delete(`/api/conversations/${mine.id}`)).status).toBe(404);
    const listB = (await (await b.get('/api/conversations')).json()) as { conversations: unknown[] };
    expect(listB.conversations).toEqual([]);
    expect((await a.get(`/api/conversations/${mine.id}`)).status).toBe(200);
  });
});
