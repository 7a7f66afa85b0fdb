import { describe, expect, it } from 'vitest';
import { MODEL_ID } from './arns.js';
import { createCatalog } from './create-catalog.js';
import { FOUNDATION_MODELS } from './foundation-models.js';

describe('FOUNDATION_MODELS', () => {
  it('has unique, well-formed model ids', () => {
    const ids = FOUNDATION_MODELS.map((m) => m.modelId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(MODEL_ID);
  });

  it('covers the families and models the emulator promises', () => {
    const ids = new Set(FOUNDATION_MODELS.map((m) => m.modelId));
    for (const id of [
      'anthropic.claude-instant-v1',
      'anthropic.claude-v2:1',
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'anthropic.claude-opus-4-5-20251101-v1:0',
      'amazon.nova-premier-v1:0',
      'amazon.titan-text-premier-v1:0',
      'meta.llama2-70b-chat-v1',
      'meta.llama3-3-70b-instruct-v1:0',
      'mistral.mistral-large-2407-v1:0',
      'cohere.command-r-plus-v1:0',
    ]) {
      expect(ids).toContain(id);
    }
    const family = (id: string) => FOUNDATION_MODELS.find((m) => m.modelId === id)?.family;
    expect(family('anthropic.claude-v2')).toBe('claude-text');
    expect(family('anthropic.claude-3-haiku-20240307-v1:0')).toBe('anthropic-messages');
    expect(family('meta.llama2-13b-chat-v1')).toBe('llama2');
    expect(family('meta.llama3-1-405b-instruct-v1:0')).toBe('llama3');
    expect(family('amazon.titan-text-lite-v1')).toBe('titan-text');
    expect(family('amazon.nova-pro-v1:0')).toBe('nova');
    expect(family('mistral.mixtral-8x7b-instruct-v0:1')).toBe('mistral');
    expect(family('cohere.command-r-v1:0')).toBe('cohere-command-r');
  });

  it('gives every profile-only model at least one profile, and keeps capabilities consistent', () => {
    for (const m of FOUNDATION_MODELS) {
      if (!m.inferenceTypes.includes('ON_DEMAND')) expect(m.profileGeos.length, m.modelId).toBeGreaterThan(0);
      expect(m.images, m.modelId).toBe(m.inputModalities.includes('IMAGE'));
      expect(m.maxOutputTokens, m.modelId).toBeLessThanOrEqual(m.contextWindow);
      expect(m.released, m.modelId).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('createCatalog', () => {
  it('defaults to us-east-1 and account 123456789012', () => {
    const catalog = createCatalog();
    expect(catalog.region).toBe('us-east-1');
    expect(catalog.accountId).toBe('123456789012');
    expect(catalog.modelsById.get('amazon.nova-lite-v1:0')?.modelName).toBe('Nova Lite');
  });

  it('derives one system profile per model and geography, named and described as Bedrock does', () => {
    const catalog = createCatalog({ region: 'us-west-2', accountId: '111122223333' });
    expect(catalog.profilesById.get('us.anthropic.claude-3-7-sonnet-20250219-v1:0')).toEqual({
      inferenceProfileId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      inferenceProfileName: 'US Anthropic Claude 3.7 Sonnet',
      inferenceProfileArn:
        'arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      description: 'Routes requests to Anthropic Claude 3.7 Sonnet in us-east-1, us-east-2 and us-west-2.',
      models: ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => ({
        modelArn: `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0`,
      })),
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
      createdAt: '2025-02-24T00:00:00Z',
      updatedAt: '2025-02-24T00:00:00Z',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      geo: 'us',
    });
    const global = catalog.profilesById.get('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(global?.inferenceProfileName).toBe('Global Anthropic Claude Sonnet 4.5');
    expect(global?.description).toBe(
      'Routes requests to Anthropic Claude Sonnet 4.5 globally across all supported AWS Regions.',
    );
    expect(global?.models).toEqual([
      { modelArn: 'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' },
      { modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0' },
    ]);
    expect(catalog.profilesById.has('eu.meta.llama3-2-1b-instruct-v1:0')).toBe(true);
    expect(catalog.profilesById.has('us.anthropic.claude-v2')).toBe(false);
  });

  it('adds application profiles copying a foundation model or a system profile', () => {
    const catalog = createCatalog({
      applicationInferenceProfiles: [
        {
          id: 'abc123xyz',
          name: 'team-a',
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          tags: { team: 'a' },
        },
        { id: 'def456uvw', name: 'team-b', modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0' },
      ],
    });
    const a = catalog.profilesByArn.get(
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz',
    );
    expect(a).toMatchObject({
      inferenceProfileId: 'abc123xyz',
      inferenceProfileName: 'team-a',
      type: 'APPLICATION',
      status: 'ACTIVE',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      models: [
        { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' },
      ],
      tags: { team: 'a' },
    });
    const b = catalog.profilesById.get('def456uvw');
    expect(b?.modelId).toBe('anthropic.claude-sonnet-4-20250514-v1:0');
    expect(b?.models).toHaveLength(3);
  });

  it('refuses a configuration naming what it does not know', () => {
    expect(() =>
      createCatalog({ applicationInferenceProfiles: [{ id: 'x1', name: 'x', modelId: 'acme.nothing-v1' }] }),
    ).toThrow('acme.nothing-v1 is neither a foundation model nor a system-defined inference profile');
    expect(() =>
      createCatalog({
        applicationInferenceProfiles: [
          { id: 'x1', name: 'x', modelId: 'amazon.nova-lite-v1:0' },
          { id: 'x1', name: 'y', modelId: 'amazon.nova-lite-v1:0' },
        ],
      }),
    ).toThrow('invalid or already taken');
    expect(() => createCatalog({ deniedModels: ['acme.nothing-v1'] })).toThrow('acme.nothing-v1');
  });
});
