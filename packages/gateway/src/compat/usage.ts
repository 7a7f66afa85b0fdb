import type { Cost, Usage } from '@strata/bedrock';
import type { FastifyRequest } from 'fastify';
import type { CompatDeps, UsageReport } from './deps.js';

/** The auth hook's `request.apiKeyId`, read without assuming how the gateway declared it. */
const requestApiKeyId = (request: FastifyRequest): string | null => {
  const id = (request as unknown as { apiKeyId?: unknown }).apiKeyId;
  return typeof id === 'string' ? id : null;
};

/**
 * Hands a completed request's usage to the ledger. It is awaited so the record exists before the
 * response ends, but a ledger failure is logged, not reported: the caller's answer is already good.
 */
export async function reportUsage(
  deps: CompatDeps,
  request: FastifyRequest,
  entry: { source: UsageReport['source']; model: string; usage: Usage; cost: Cost },
): Promise<void> {
  if (!deps.onUsage) return;
  try {
    await deps.onUsage({
      source: entry.source,
      model: entry.model,
      usage: entry.usage,
      costUsd: entry.cost.total,
      apiKeyId: (deps.apiKeyIdOf ?? requestApiKeyId)(request),
    });
  } catch (error) {
    request.log.error({ err: error }, 'recording compat API usage failed');
  }
}
