import type { Capabilities, ModelFamily, RegistryModel } from './model-info.js';
import { REGISTRY } from './registry-data.js';

/**
 * A stand-in registry entry for a well-formed foundation model ID the registry does not know, from a provider
 * whose wire formats Strata speaks — e.g. a Claude released after this registry was bundled.
 *
 * The family comes from the provider and the model's series (`amazon.nova-…` vs `amazon.titan-text-…`). Every
 * other fact is the most conservative one shared by all registry models of that family: a capability only when
 * all of them have it, the smallest context window and output limit. The price is zero because it is unknown;
 * callers see `source: 'inferred'` and should not trust the cost. It is assumed callable on demand: Bedrock's
 * answer (and its on-demand error, with the profile to use) decides.
 */
export function inferModel(modelId: string): RegistryModel | undefined {
  const family = inferFamily(modelId);
  if (!family) return undefined;
  const peers = REGISTRY.filter((model) => model.family === family);
  const provider = peers[0]?.provider ?? modelId.slice(0, modelId.indexOf('.'));
  return {
    id: modelId,
    name: modelId,
    provider,
    family,
    aliases: [],
    contextWindow: Math.min(...peers.map((model) => model.contextWindow)),
    maxOutputTokens: Math.min(...peers.map((model) => model.maxOutputTokens)),
    converse: peers.every((model) => model.converse),
    onDemand: true,
    profileGeos: [],
    capabilities: sharedCapabilities(peers.map((model) => model.capabilities)),
    price: { input: 0, output: 0 },
  };
}

function inferFamily(modelId: string): ModelFamily | undefined {
  const dot = modelId.indexOf('.');
  const provider = modelId.slice(0, dot);
  const series = modelId.slice(dot + 1);
  switch (provider) {
    case 'anthropic':
      // Every Claude newer than the bundled text-completion models speaks the Messages API.
      return 'anthropic-messages';
    case 'amazon':
      if (series.startsWith('nova-')) return 'nova';
      return series.startsWith('titan-text-') ? 'titan-text' : undefined;
    case 'meta':
      if (series.startsWith('llama2-')) return 'llama2';
      return series.startsWith('llama') ? 'llama3' : undefined;
    case 'mistral':
      return 'mistral';
    case 'cohere':
      return series.startsWith('command-r') ? 'cohere-command-r' : undefined;
    default:
      return undefined;
  }
}

function sharedCapabilities(all: Capabilities[]): Capabilities {
  const every = (key: 'tools' | 'toolStreaming' | 'images' | 'documents' | 'imagesInToolResults') =>
    all.every((caps) => caps[key]);
  const cachePoints = all.every((caps) => caps.cachePoints);
  const minCacheTokens = Math.max(...all.map((caps) => caps.minCacheTokens ?? 0));
  return {
    tools: every('tools'),
    toolChoice: (['auto', 'any', 'tool'] as const).filter((choice) =>
      all.every((caps) => caps.toolChoice.includes(choice)),
    ),
    toolStreaming: every('toolStreaming'),
    images: every('images'),
    documents: every('documents'),
    imagesInToolResults: every('imagesInToolResults'),
    systemPrompt: all.every((caps) => caps.systemPrompt),
    reasoning: all.every((caps) => caps.reasoning === 'anthropic-thinking') ? 'anthropic-thinking' : 'none',
    cachePoints,
    ...(cachePoints && minCacheTokens > 0 ? { minCacheTokens } : {}),
    streaming: all.every((caps) => caps.streaming),
    topK: all.every((caps) => caps.topK),
  };
}
