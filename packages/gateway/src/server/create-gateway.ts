import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { type AgentTool, builtinTools } from '@strata/agent';
import { type Bedrock, RateLimitError, StrataError } from '@strata/bedrock';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAnthropicRoutes } from '../anthropic/index.js';
import { LiveTurns } from '../conversations/live-turns.js';
import { multipartOptions } from '../conversations/multipart-turn.js';
import { registerConversationRoutes } from '../conversations/routes.js';
import { GatewayMetrics } from '../observability/metrics.js';
import { createTracing } from '../observability/tracing.js';
import { registerOpenAiRoutes } from '../openai/index.js';
import { registerAppRoutes } from '../routes/app-routes.js';
import type { Store } from '../storage/types.js';
import { keyCheck, presentedKey } from './api-keys.js';
import { errorBody } from './http-errors.js';
import { type RateBuckets, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { RedisRateLimiter } from './redis-rate-limit.js';
import { registerStaticWeb } from './static-web.js';

export interface GatewayOptions {
  store: Store;
  bedrock: Bedrock;
  /** The directory the agent's file tools and Bash work in. */
  workspace: string;
  /** Whether the Bedrock behind it is the emulator (shown in the UI and the start line). */
  emulator?: boolean;
  /** Keys accepted in addition to those stored with `strata keys create`. */
  apiKeys?: string[];
  tools?: AgentTool[];
  system?: string;
  /** Where the built web page is; default none (API only). */
  webRoot?: string;
  /** Origins allowed by CORS; off by default. */
  corsOrigins?: string[];
  /** Requests per minute per API key (per client IP when the gateway is open) on `/api` and `/v1`; off by default. */
  rateLimit?: RateLimitOptions;
  /**
   * With `rateLimit`, keep the buckets in this Redis (redis:// or rediss://) so that every gateway using it
   * shares each key's budget; without it, each process counts on its own. Fails open while Redis is down.
   */
  redisUrl?: string;
  /**
   * How long a tool approval waits for an answer (from any gateway on the database) before it counts as
   * denied. Default 30 minutes.
   */
  approvalTimeoutMs?: number;
  /** Largest request body, bytes. Default 30 MB (images are base64 in JSON). */
  bodyLimit?: number;
  logger?: boolean;
  version?: string;
  /**
   * OTLP/HTTP base endpoint for GenAI traces (`/v1/traces` is appended); default
   * `OTEL_EXPORTER_OTLP_ENDPOINT`. Unset: no tracing at all.
   */
  otlpEndpoint?: string;
}

export interface Gateway {
  app: FastifyInstance;
  metrics: GatewayMetrics;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** Headers and fields that must never reach a log line. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["api-key"]',
  'req.headers.cookie',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.apiKey',
];

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 30 * 1024 * 1024,
    logger: options.logger ? { level: 'info', redact: { paths: REDACT, censor: '[redacted]' } } : false,
    // Unknown members are refused, not silently dropped: a typo in a setting should say so.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  // A SQLite gateway is alone on its file: a turn still "streaming" there died with an earlier process.
  // (On PostgreSQL such a turn's lease runs out, and the next turn in its conversation cleans up after it.)
  if (options.store.dialect === 'sqlite') {
    await options.store.messages.failInterrupted('The gateway stopped during this turn.');
    await options.store.approvals.close('all');
    await options.store.turns.clear();
  }
  const metrics = new GatewayMetrics();
  const keys = await keyCheck(options.store, options.apiKeys ?? []);
  const live = new LiveTurns();
  let limiter: RateBuckets | undefined;
  if (options.rateLimit && options.redisUrl)
    limiter = await new RedisRateLimiter(options.redisUrl, options.rateLimit, (error) =>
      app.log.warn(
        { err: error.message },
        'rate-limit Redis unreachable: allowing requests unlimited until it answers again',
      ),
    ).connect();
  else if (options.rateLimit) limiter = new RateLimiter(options.rateLimit);
  const version = options.version ?? '0.1.0';
  const tracing = createTracing(options.otlpEndpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT, version);
  // Model calls (app turns and the compat APIs) go through this one: a span each when tracing is on.
  const bedrock = tracing.wrap(options.bedrock);

  app.decorateRequest('apiKeyId', null);
  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if (!url.startsWith('/api/') && !url.startsWith('/v1/')) return;
    if (options.corsOrigins?.length) {
      const origin = request.headers.origin;
      if (origin && options.corsOrigins.includes(origin))
        reply.header('access-control-allow-origin', origin).header('vary', 'origin');
    }
    if (!keys.open) {
      const id = await keys.identify(presentedKey(request.headers));
      if (!id) {
        return reply.code(401).send({
          error: {
            code: 'authentication_error',
            message: 'A valid API key is required: send Authorization: Bearer <key>.',
          },
        });
      }
      request.apiKeyId = id;
    }
    const decision = await limiter?.take(request.apiKeyId ? `key:${request.apiKeyId}` : `ip:${request.ip}`);
    // Thrown rather than sent so that each route's error handler answers: /v1 in its API's own dialect.
    if (decision && !decision.allowed)
      throw new RateLimitError(
        `Rate limit of ${options.rateLimit?.requestsPerMinute} requests a minute reached; retry in ${Math.ceil(decision.retryAfterMs / 1000)} s.`,
        { retryAfterMs: decision.retryAfterMs },
      );
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // The compatible APIs stream through reply.send: count those event streams from here.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
      metrics.openStreams.inc();
      reply.raw.once('close', () => metrics.openStreams.dec());
    }
    return payload;
  });
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorBody(error);
    metrics.errors.inc({ code: body.error.code });
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof StrataError && error.code === 'rate_limited') {
      const after = (error as StrataError & { retryAfterMs?: number }).retryAfterMs;
      if (after !== undefined) reply.header('retry-after', String(Math.ceil(after / 1000)));
    }
    return reply.code(status).send(body);
  });

  // Registered before any route: it collects each route's schemas as the route is added.
  await app.register(swagger, { openapi: { info: { title: 'Strata gateway', version } } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const onUsage = async (record: {
    source: 'openai' | 'anthropic';
    model: string;
    usage: {
      inputTokens: number;
      outputTokens: number;
      cacheReadInputTokens: number;
      cacheWriteInputTokens: number;
    };
    costUsd: number;
    apiKeyId: string | null;
  }) => {
    metrics.spent(record.model, record.usage.inputTokens, record.usage.outputTokens, record.costUsd);
    await options.store.usage.record({
      conversationId: null,
      apiKeyId: record.apiKeyId,
      source: record.source,
      model: record.model,
      inputTokens: record.usage.inputTokens,
      outputTokens: record.usage.outputTokens,
      cacheReadInputTokens: record.usage.cacheReadInputTokens,
      cacheWriteInputTokens: record.usage.cacheWriteInputTokens,
      costUsd: record.costUsd,
    });
  };
  const compat = {
    bedrock,
    onUsage,
    apiKeyIdOf: (request: { apiKeyId: string | null }) => request.apiKeyId,
    listModels: async () =>
      (await import('@strata/bedrock')).REGISTRY.flatMap((m) =>
        [m.id, ...m.aliases].map((id) => ({ id, ownedBy: m.provider })),
      ),
  };

  registerAppRoutes(app, {
    store: options.store,
    bedrock: options.bedrock,
    emulator: options.emulator ?? false,
    version,
  });
  // Multipart is parsed only in the conversations' scope (for turns with images); elsewhere it is a 415.
  await app.register(async (scope) => {
    await scope.register(multipart, multipartOptions);
    registerConversationRoutes(scope, {
      store: options.store,
      bedrock,
      live,
      workspace: options.workspace,
      tools: options.tools ?? builtinTools(),
      approvalTimeoutMs: options.approvalTimeoutMs ?? 30 * 60_000,
      ...(options.system ? { system: options.system } : {}),
      resolveModel: (id) => options.bedrock.resolveModel(id),
      onTurnEnd: (t) => metrics.spent(t.model, t.inputTokens, t.outputTokens, t.costUsd),
      trackStream: () => {
        metrics.openStreams.inc();
        return () => metrics.openStreams.dec();
      },
    });
  });
  await app.register(async (scope) => {
    registerOpenAiRoutes(scope, compat);
    registerAnthropicRoutes(scope, compat);
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = {};
    try {
      await options.store.ping();
      checks.database = 'ok';
    } catch (error) {
      checks.database = (error as Error).message;
    }
    const health = await options.bedrock
      .health()
      .catch((error: Error) => ({ reachable: false, error: error.message }));
    checks.bedrock = health.reachable ? 'ok' : `unreachable: ${'error' in health ? health.error : ''}`;
    const ok = Object.values(checks).every((c) => c === 'ok');
    return reply.code(ok ? 200 : 503).send({ ok, checks });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  if (options.webRoot) registerStaticWeb(app, options.webRoot);

  return {
    app,
    metrics,
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    },
    async close() {
      try {
        await app.close();
      } finally {
        await Promise.all([tracing.shutdown(), limiter?.close?.()]);
      }
    },
  };
}
