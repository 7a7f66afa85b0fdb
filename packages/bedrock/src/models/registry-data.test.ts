import { describe, expect, it } from 'vitest';
import { parseModelIdentifier } from './parse-model-id.js';
import { findRegistryAlias, findRegistryModel } from './registry.js';
import { REGISTRY } from './registry-data.js';

const REQUIRED_IDS = [
  'anthropic.claude-instant-v1',
  'anthropic.claude-v2',
  'anthropic.claude-v2:1',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'anthropic.claude-3-sonnet-20240229-v1:0',
  'anthropic.claude-3-opus-20240229-v1:0',
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'anthropic.claude-3-5-haiku-20241022-v1:0',
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'anthropic.claude-opus-4-20250514-v1:0',
  'anthropic.claude-opus-4-1-20250805-v1:0',
  'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'anthropic.claude-haiku-4-5-20251001-v1:0',
  'anthropic.claude-opus-4-5-20251101-v1:0',
  'amazon.nova-micro-v1:0',
  'amazon.nova-lite-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.nova-premier-v1:0',
  'amazon.titan-text-express-v1',
  'amazon.titan-text-lite-v1',
  'amazon.titan-text-premier-v1:0',
  'meta.llama2-13b-chat-v1',
  'meta.llama2-70b-chat-v1',
  'meta.llama3-8b-instruct-v1:0',
  'meta.llama3-70b-instruct-v1:0',
  'meta.llama3-1-8b-instruct-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'meta.llama3-1-405b-instruct-v1:0',
  'meta.llama3-2-1b-instruct-v1:0',
  'meta.llama3-2-3b-instruct-v1:0',
  'meta.llama3-2-11b-instruct-v1:0',
  'meta.llama3-2-90b-instruct-v1:0',
  'meta.llama3-3-70b-instruct-v1:0',
  'mistral.mistral-7b-instruct-v0:2',
  'mistral.mixtral-8x7b-instruct-v0:1',
  'mistral.mistral-large-2402-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'cohere.command-r-v1:0',
  'cohere.command-r-plus-v1:0',
];

describe('registry invariants', () => {
  it('covers every model the library promises', () => {
    const ids = new Set(REGISTRY.map((model) => model.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('has unique IDs, and unique aliases that never shadow an ID', () => {
    const ids = REGISTRY.map((model) => model.id);
    expect(new Set(ids).size).toBe(ids.length);
    const aliases = REGISTRY.flatMap((model) => model.aliases.map((alias) => alias.toLowerCase()));
    expect(aliases.filter((alias, index) => aliases.indexOf(alias) !== index)).toEqual([]);
    expect(aliases.filter((alias) => ids.includes(alias))).toEqual([]);
  });

  it('reads every ID as a foundation model ID and every alias as an alias', () => {
    for (const model of REGISTRY) {
      expect(parseModelIdentifier(model.id)).toEqual({ form: 'foundation-model', modelId: model.id });
      for (const alias of model.aliases) expect(parseModelIdentifier(alias).form).toBe('alias');
      expect(model.aliases.length).toBeGreaterThan(0);
    }
  });

  it('prices every model, with cache rates exactly where it caches', () => {
    for (const model of REGISTRY) {
      expect(model.price.input, model.id).toBeGreaterThan(0);
      expect(model.price.output, model.id).toBeGreaterThan(0);
      const hasCacheRates = model.price.cacheRead !== undefined && model.price.cacheWrite !== undefined;
      expect(hasCacheRates, model.id).toBe(model.capabilities.cachePoints);
      if (model.capabilities.cachePoints)
        expect(model.capabilities.minCacheTokens, model.id).toBeGreaterThan(0);
    }
  });

  it('gives every profile-only model at least one geography', () => {
    for (const model of REGISTRY.filter((entry) => !entry.onDemand)) {
      expect(model.profileGeos.length, model.id).toBeGreaterThan(0);
    }
  });

  it('keeps tool facts consistent: no tool choice without tools, and auto whenever tools work', () => {
    for (const model of REGISTRY) {
      if (model.capabilities.tools) expect(model.capabilities.toolChoice, model.id).toContain('auto');
      else expect(model.capabilities.toolChoice, model.id).toEqual([]);
      expect(model.maxOutputTokens, model.id).toBeLessThanOrEqual(model.contextWindow);
    }
  });

  it('holds the seed aliases', () => {
    // `claude-opus-4` is the project's historical alias for Claude 3 Opus.
    expect(findRegistryAlias('claude-opus-4')?.id).toBe('anthropic.claude-3-opus-20240229-v1:0');
    expect(findRegistryAlias('claude-sonnet-3.5')?.id).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(findRegistryAlias('claude-haiku-3')?.id).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(findRegistryAlias('CLAUDE-HAIKU-3')?.id).toBe('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('holds the seed prices', () => {
    expect(findRegistryModel('anthropic.claude-3-opus-20240229-v1:0')?.price).toMatchObject({
      input: 15,
      output: 75,
    });
    expect(findRegistryModel('anthropic.claude-3-5-sonnet-20241022-v2:0')?.price).toMatchObject({
      input: 3,
      output: 15,
    });
    expect(findRegistryModel('anthropic.claude-3-haiku-20240307-v1:0')?.price).toMatchObject({
      input: 0.25,
      output: 1.25,
    });
  });

  it('knows which models think, which cache and from how many tokens', () => {
    const thinking = REGISTRY.filter((model) => model.capabilities.reasoning === 'anthropic-thinking').map(
      (m) => m.id,
    );
    expect(thinking).toEqual([
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-sonnet-4-20250514-v1:0',
      'anthropic.claude-opus-4-20250514-v1:0',
      'anthropic.claude-opus-4-1-20250805-v1:0',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'anthropic.claude-haiku-4-5-20251001-v1:0',
      'anthropic.claude-opus-4-5-20251101-v1:0',
    ]);
    const minimum = (id: string) => findRegistryModel(id)?.capabilities.minCacheTokens;
    expect(minimum('anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(1024);
    expect(minimum('anthropic.claude-sonnet-4-20250514-v1:0')).toBe(1024);
    expect(minimum('anthropic.claude-opus-4-20250514-v1:0')).toBe(1024);
    expect(minimum('anthropic.claude-3-5-haiku-20241022-v1:0')).toBe(2048);
    expect(minimum('amazon.nova-pro-v1:0')).toBe(1000);
  });

  it('finds context-length variants of registry models', () => {
    expect(findRegistryModel('anthropic.claude-3-haiku-20240307-v1:0:200k')?.id).toBe(
      'anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(findRegistryModel('amazon.titan-text-express-v1:0:8k')?.id).toBe('amazon.titan-text-express-v1');
    expect(findRegistryModel('anthropic.claude-v2:1:200k')?.id).toBe('anthropic.claude-v2:1');
    expect(findRegistryModel('anthropic.claude-v2:2')).toBeUndefined();
  });
});
