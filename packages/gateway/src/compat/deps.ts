import type { Bedrock, Usage } from '@strata/bedrock';
import type { FastifyRequest } from 'fastify';

/** One completed compat-API request, as the usage ledger records it. */
export interface UsageReport {
  source: 'openai' | 'anthropic';
  /** The model actually invoked (a profile ID when Bedrock routed through one). */
  model: string;
  usage: Usage;
  costUsd: number;
  apiKeyId: string | null;
}

/** What the OpenAI- and Anthropic-compatible routes need from the gateway. */
export interface CompatDeps {
  bedrock: Bedrock;
  /** Called once per completed request with the usage to record in the ledger. */
  onUsage?: (record: UsageReport) => void | Promise<void>;
  /** The caller's API key id, when the gateway authenticated one; defaults to reading `request.apiKeyId`. */
  apiKeyIdOf?: (request: FastifyRequest) => string | null;
  /** Model ids listed by GET /v1/models (the registry aliases + ids). */
  listModels: () => Promise<{ id: string; ownedBy: string; created?: number }[]>;
}
