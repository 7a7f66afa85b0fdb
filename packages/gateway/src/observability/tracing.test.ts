import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type Bedrock, type ChatEvent, RateLimitError } from '@strata/bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, readSse, startGateway, testTargets } from '../test-support/gateway-harness.js';
import { tracedBedrock, tracesUrl } from './tracing.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: { key: string; value: OtlpValue }[];
}
interface OtlpBody {
  resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const plain = (v: OtlpValue): unknown =>
  v.arrayValue
    ? v.arrayValue.values.map(plain)
    : v.intValue !== undefined
      ? Number(v.intValue)
      : v.stringValue;
const attrs = (span: OtlpSpan) => Object.fromEntries(span.attributes.map((a) => [a.key, plain(a.value)]));

describe('OpenTelemetry GenAI spans', () => {
  let collector: Server;
  let endpoint: string;
  const bodies: OtlpBody[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => {
        data += chunk;
      });
      req.on('end', () => {
        paths.push(`${req.method} ${req.url}`);
        if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(JSON.parse(data) as OtlpBody);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('joins /v1/traces to the base endpoint once', () => {
    expect(tracesUrl('http://c:4318')).toBe('http://c:4318/v1/traces');
    expect(tracesUrl('http://c:4318/')).toBe('http://c:4318/v1/traces');
    expect(tracesUrl('http://c:4318/v1/traces')).toBe('http://c:4318/v1/traces');
  });

  it('exports one chat span per model call, for an app turn and /v1/chat/completions, on close', async () => {
    const h = await startGateway(testTargets()[0]!.target, { otlpEndpoint: endpoint });
    try {
      const client = api(h.url);
      const { id } = (await (
        await client.post('/api/conversations', { title: 'T', model: 'claude-haiku-3' })
      ).json()) as { id: string };
      const events = await readSse(
        await client.post(`/api/conversations/${id}/messages`, { text: 'secret app prompt' }),
      );
      expect(events.at(-1)?.event).toBe('done');
      const completion = await client.post('/v1/chat/completions', {
        model: 'claude-haiku-3',
        messages: [{ role: 'user', content: 'secret compat prompt' }],
      });
      expect(completion.status).toBe(200);
      await completion.json();
    } finally {
      await h.close();
    }
    expect(paths.every((p) => p === 'POST /v1/traces')).toBe(true);
    const spans = bodies.flatMap((b) => b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.name).toBe('chat claude-haiku-3');
      expect(span.kind).toBe(3); // SPAN_KIND_CLIENT in OTLP
      expect(span.status?.code ?? 0).not.toBe(2);
      const a = attrs(span);
      expect(a).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'aws.bedrock',
        'gen_ai.provider.name': 'aws.bedrock',
        'gen_ai.request.model': 'claude-haiku-3',
        'gen_ai.response.finish_reasons': ['end_turn'],
      });
      expect(a['gen_ai.response.model']).toEqual(expect.any(String));
      expect(a['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(a['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    }
    // Privacy: no prompt or reply content leaves in a span.
    expect(JSON.stringify(bodies)).not.toMatch(/secret (app|compat) prompt/);
  });
});

describe('tracedBedrock', () => {
  it('marks a failed stream with error status and the StrataError code as error.type', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const failing = {
      stream: async function* (): AsyncGenerator<ChatEvent> {
        yield { type: 'error', error: new RateLimitError('slow down') };
      },
    } as unknown as Bedrock;
    const events: ChatEvent[] = [];
    for await (const e of tracedBedrock(failing, provider.getTracer('t')).stream({
      model: 'm',
      messages: [],
    }))
      events.push(e);
    expect(events.map((e) => e.type)).toEqual(['error']);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('chat m');
    expect(span?.status.code).toBe(2);
    expect(span?.attributes['error.type']).toBe('rate_limited');
    await provider.shutdown();
  });
});
