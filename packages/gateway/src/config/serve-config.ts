import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Everything `strata serve` can be told, validated in one place. */
export const serveConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65_535).default(8080),
    dataDir: z.string().min(1),
    database: z.string().min(1).optional(),
    emulator: z.boolean().default(false),
    apiKeys: z.array(z.string().min(16, 'API keys must be at least 16 characters')).default([]),
    workspace: z.string().min(1),
    region: z.string().min(1).optional(),
    system: z.string().optional(),
    corsOrigins: z.array(z.string().url()).default([]),
    /** Requests per minute per API key (or client IP when open); unset means unlimited. */
    rateLimitPerMinute: z.coerce.number().int().positive().optional(),
    /** With `rateLimitPerMinute`, requests allowed back to back; default a minute's worth. */
    rateLimitBurst: z.coerce.number().int().positive().optional(),
    /** How long a tool approval waits for an answer before it counts as denied; default 30 minutes. */
    approvalTimeoutSeconds: z.coerce
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .optional(),
    /** With `rateLimitPerMinute`, keep the buckets in this Redis so that all gateways using it share them. */
    redisUrl: z
      .string()
      .refine((value) => {
        try {
          return ['redis:', 'rediss:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, 'must be a redis:// or rediss:// URL')
      .optional(),
    logLevel: z.enum(['silent', 'info', 'debug']).default('info'),
    /** OTLP/HTTP endpoint for OpenTelemetry GenAI traces; unset means no tracing. */
    otlpEndpoint: z.string().url().optional(),
  })
  .strict();

export type ServeConfig = z.infer<typeof serveConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const splitList = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Merges defaults, a JSON config file, STRATA_* / DATABASE_URL / REDIS_URL environment variables and flags (each
 * overriding the one before) and validates the result; a bad value stops startup naming the key.
 */
export function loadServeConfig(
  flags: Partial<Record<keyof ServeConfig, unknown>> & { config?: string },
  env = process.env,
): ServeConfig {
  let file: Record<string, unknown> = {};
  if (flags.config) {
    try {
      file = JSON.parse(readFileSync(flags.config, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`Cannot read the config file ${flags.config}: ${(error as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {
    host: env.STRATA_HOST,
    port: env.STRATA_PORT,
    dataDir: env.STRATA_DATA_DIR,
    database: env.DATABASE_URL,
    apiKeys: splitList(env.STRATA_API_KEYS),
    workspace: env.STRATA_WORKSPACE,
    region: env.AWS_REGION,
    rateLimitPerMinute: env.STRATA_RATE_LIMIT,
    rateLimitBurst: env.STRATA_RATE_LIMIT_BURST,
    approvalTimeoutSeconds: env.STRATA_APPROVAL_TIMEOUT,
    redisUrl: env.REDIS_URL,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
  const { config: _config, ...flagValues } = flags;
  const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const merged = {
    dataDir: join(homedir(), '.strata'),
    workspace: process.cwd(),
    ...defined(file),
    ...defined(fromEnv),
    ...defined(flagValues),
  };
  const parsed = serveConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || '(config)';
    throw new ConfigError(`Invalid setting "${key}": ${issue?.message ?? 'invalid value'}.`);
  }
  return parsed.data;
}
