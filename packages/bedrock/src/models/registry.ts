import type { RegistryModel } from './model-info.js';
import { REGISTRY } from './registry-data.js';

const byId = new Map<string, RegistryModel>(REGISTRY.map((model) => [model.id, model]));
const byAlias = new Map<string, RegistryModel>(
  REGISTRY.flatMap((model) => model.aliases.map((alias) => [alias.toLowerCase(), model] as const)),
);

// ListFoundationModels also names context-length variants (`anthropic.claude-3-haiku-20240307-v1:0:200k`,
// `amazon.titan-text-express-v1:0:8k`); they are the same model, sold through provisioned throughput.
const CONTEXT_VARIANT = /:(?:\d+k|mm)$/;

/** The registry entry for a foundation model ID, including its context-length variants. */
export function findRegistryModel(modelId: string): RegistryModel | undefined {
  const exact = byId.get(modelId);
  if (exact || !CONTEXT_VARIANT.test(modelId)) return exact;
  const base = modelId.replace(CONTEXT_VARIANT, '');
  // Titan's variants carry a `:0` version its on-demand ID does not.
  return byId.get(base) ?? (base.endsWith(':0') ? byId.get(base.slice(0, -2)) : undefined);
}

/** The registry entry an alias names; aliases match case-insensitively. */
export function findRegistryAlias(alias: string): RegistryModel | undefined {
  return byAlias.get(alias.toLowerCase());
}

export function isRegistryAlias(value: string): boolean {
  return byAlias.has(value.toLowerCase());
}
