import { type Bedrock, REGISTRY } from '@strata/bedrock';
import type { FastifyInstance } from 'fastify';
import type { Store, UsageGrouping } from '../storage/types.js';

const usageQuery = {
  type: 'object',
  properties: {
    // `day-model`: rows keyed `YYYY-MM-DD|model` (in CSV, separate `day` and `model` columns).
    by: { type: 'string', enum: ['conversation', 'model', 'day', 'day-model'], default: 'day' },
    since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
  },
} as const;

const csvCell = (value: string | number): string =>
  typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`;

/** The chat app's small routes: status, models, settings, usage. */
export function registerAppRoutes(
  app: FastifyInstance,
  deps: { store: Store; bedrock: Bedrock; emulator: boolean; version: string },
): void {
  app.get('/api/status', async () => ({ version: deps.version, emulator: deps.emulator }));

  app.get('/api/models', async () => ({
    models: REGISTRY.map((m) => ({
      id: m.id,
      name: m.name,
      provider: m.provider,
      aliases: m.aliases,
      contextWindow: m.contextWindow,
      maxOutputTokens: m.maxOutputTokens,
      tools: m.capabilities.tools,
      price: m.price,
    })),
  }));

  const scope = (apiKeyId: string | null) => apiKeyId ?? 'global';
  app.get('/api/settings', async (request) => ({
    cliProvider: 'bedrock',
    ...(await deps.store.settings.get(scope(request.apiKeyId))),
  }));
  app.put<{ Body: Record<string, unknown> }>(
    '/api/settings',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cliProvider: { type: 'string', enum: ['bedrock'] },
            model: { type: 'string', minLength: 1, maxLength: 300 },
            system: { type: 'string', maxLength: 20_000 },
            theme: { type: 'string', enum: ['light', 'dark', 'system'] },
          },
        },
      },
    },
    async (request) => {
      if (typeof request.body.model === 'string') await deps.bedrock.resolveModel(request.body.model);
      const merged = { ...(await deps.store.settings.get(scope(request.apiKeyId))), ...request.body };
      await deps.store.settings.put(scope(request.apiKeyId), merged);
      return { cliProvider: 'bedrock', ...merged };
    },
  );

  app.get<{ Querystring: { by: UsageGrouping; since?: string; format: 'json' | 'csv' } }>(
    '/api/usage',
    { schema: { querystring: usageQuery } },
    async (request, reply) => {
      const rows = await deps.store.usage.report({
        by: request.query.by,
        apiKeyId: request.apiKeyId,
        ...(request.query.since ? { since: request.query.since } : {}),
      });
      if (request.query.format !== 'csv') return { by: request.query.by, rows };
      const dayModel = request.query.by === 'day-model';
      const group = dayModel ? 'day,model' : request.query.by;
      const header = `${group},requests,input_tokens,output_tokens,cache_read_input_tokens,cache_write_input_tokens,cost_usd`;
      const lines = rows.map((r) =>
        [
          // By day-model the key is `YYYY-MM-DD|model`: the day is its first 10 characters.
          ...(dayModel ? [csvCell(r.key.slice(0, 10)), csvCell(r.key.slice(11))] : [csvCell(r.key)]),
          r.requests,
          r.inputTokens,
          r.outputTokens,
          r.cacheReadInputTokens,
          r.cacheWriteInputTokens,
          r.costUsd,
        ].join(','),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="strata-usage-by-${request.query.by}.csv"`)
        .send(`${[header, ...lines].join('\n')}\n`);
    },
  );
}
