import type { Capabilities, ModelFamily, ModelInfo } from '../../models/model-info.js';

/** Every capability on, as Claude 3.7+ has them; shared by the codec and preflight test fixtures. */
export const CLAUDE: Capabilities = {
  tools: true,
  toolChoice: ['auto', 'any', 'tool'],
  toolStreaming: true,
  images: true,
  documents: true,
  imagesInToolResults: true,
  systemPrompt: true,
  reasoning: 'anthropic-thinking',
  cachePoints: true,
  minCacheTokens: 1024,
  streaming: true,
  topK: true,
};

/** A ModelInfo for codec tests: what matters to the codecs is the family and the capabilities. */
export function modelInfo(family: ModelFamily, capabilities: Partial<Capabilities> = {}): ModelInfo {
  const claude = family === 'anthropic-messages';
  return {
    invokeId: `test.${family}-v1:0`,
    baseModelId: `test.${family}-v1:0`,
    requested: `test.${family}-v1:0`,
    kind: 'foundation-model',
    region: 'us-east-1',
    family,
    name: `Test ${family}`,
    provider: 'Test',
    api: 'converse',
    contextWindow: 200_000,
    maxOutputTokens: 8192,
    capabilities: {
      ...CLAUDE,
      ...(claude ? {} : { reasoning: 'none' as const, cachePoints: false, toolChoice: ['auto' as const] }),
      ...capabilities,
    },
    onDemand: true,
    price: { input: 3, output: 15 },
    source: 'registry',
  };
}
