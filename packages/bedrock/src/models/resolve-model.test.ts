import { describe, expect, it } from 'vitest';
import { ModelNotFoundError, OnDemandNotSupportedError, ValidationError } from '../errors/strata-error.js';
import { type ControlPlaneLookup, ModelResolver } from './resolve-model.js';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const APP_PROFILE = 'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/a1b2c3d4e5f6';

const resolver = (region = 'us-east-1', controlPlane?: ControlPlaneLookup) =>
  new ModelResolver({ region, ...(controlPlane ? { controlPlane } : {}) });

/** A fake control plane that counts its calls and answers after a tick, as a network call would. */
function fakeControlPlane(modelArns: string[]) {
  const calls: string[] = [];
  const controlPlane: ControlPlaneLookup = {
    async getInferenceProfile(idOrArn) {
      calls.push(idOrArn);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {
        models: modelArns.map((modelArn) => ({ modelArn })),
        inferenceProfileId: 'a1b2c3d4e5f6',
        type: 'APPLICATION',
      };
    },
  };
  return { controlPlane, calls };
}

describe('ModelResolver: aliases and foundation IDs', () => {
  it('resolves the seed aliases (claude-opus-4 is the historical alias of Claude 3 Opus)', async () => {
    const r = resolver();
    expect((await r.resolve('claude-opus-4')).baseModelId).toBe('anthropic.claude-3-opus-20240229-v1:0');
    expect((await r.resolve('claude-sonnet-3.5')).baseModelId).toBe(
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
    );
    expect((await r.resolve('claude-haiku-3')).baseModelId).toBe(HAIKU_3);
  });

  it('accepts the bedrock: prefix on aliases and IDs, and reports what was asked verbatim', async () => {
    const viaAlias = await resolver().resolve('bedrock:claude-sonnet-3.5');
    expect(viaAlias.baseModelId).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(viaAlias.requested).toBe('bedrock:claude-sonnet-3.5');
    const viaId = await resolver().resolve(`bedrock:${HAIKU_3}`);
    expect(viaId).toMatchObject({ invokeId: HAIKU_3, baseModelId: HAIKU_3, kind: 'foundation-model' });
  });

  it('invokes an on-demand model by its ID with registry facts and the us-east-1 price', () => {
    const info = resolver().resolveSync('claude-haiku-3');
    expect(info).toEqual({
      invokeId: HAIKU_3,
      baseModelId: HAIKU_3,
      requested: 'claude-haiku-3',
      kind: 'foundation-model',
      region: 'us-east-1',
      family: 'anthropic-messages',
      name: 'Claude 3 Haiku',
      provider: 'Anthropic',
      api: 'converse',
      contextWindow: 200_000,
      maxOutputTokens: 4096,
      capabilities: expect.objectContaining({
        tools: true,
        toolChoice: ['auto', 'any', 'tool'],
        images: true,
      }),
      onDemand: true,
      price: { input: 0.25, output: 1.25 },
      source: 'registry',
    });
  });

  it('hands out copies, so editing one answer cannot change the registry', () => {
    const r = resolver();
    const first = r.resolveSync('nova-pro');
    first?.capabilities.toolChoice.splice(0);
    expect(r.resolveSync('nova-pro')?.capabilities.toolChoice).toEqual(['auto', 'any', 'tool']);
  });

  it('keeps a context-length variant as asked but reports its registry model', () => {
    const info = resolver().resolveSync('amazon.titan-text-express-v1:0:8k');
    expect(info).toMatchObject({
      invokeId: 'amazon.titan-text-express-v1:0:8k',
      baseModelId: 'amazon.titan-text-express-v1',
    });
  });
});

describe('ModelResolver: profile-only models', () => {
  it.each([
    ['us-east-1', 'us'],
    ['us-west-2', 'us'],
    ['eu-west-1', 'eu'],
    ['ap-northeast-1', 'apac'],
  ])('routes a bare profile-only ID from %s to its %s. profile and says so', (region, geo) => {
    const info = resolver(region).resolveSync(SONNET_37);
    expect(info).toMatchObject({
      invokeId: `${geo}.${SONNET_37}`,
      routedVia: `${geo}.${SONNET_37}`,
      baseModelId: SONNET_37,
      kind: 'system-profile',
      region,
      onDemand: false,
    });
  });

  it('routes aliases the same way', () => {
    expect(resolver('eu-central-1').resolveSync('claude-3.7-sonnet')?.invokeId).toBe(`eu.${SONNET_37}`);
    expect(resolver('us-east-1').resolveSync('nova-premier')?.invokeId).toBe('us.amazon.nova-premier-v1:0');
  });

  it('falls back to the global profile where the model has no geographic one, at the global price', () => {
    const info = resolver('ap-northeast-1').resolveSync('claude-sonnet-4.5');
    expect(info).toMatchObject({ invokeId: `global.${SONNET_45}`, routedVia: `global.${SONNET_45}` });
    expect(info?.price).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
  });

  it('prices Claude 4.5 geographic profiles 10% above global', () => {
    const info = resolver('us-east-1').resolveSync('claude-sonnet-4.5');
    expect(info?.invokeId).toBe(`us.${SONNET_45}`);
    expect(info?.price.input).toBeCloseTo(3.3, 9);
    expect(info?.price.output).toBeCloseTo(16.5, 9);
    expect(info?.price.cacheRead).toBeCloseTo(0.33, 9);
    expect(info?.price.cacheWrite).toBeCloseTo(4.125, 9);
  });

  it('throws OnDemandNotSupportedError naming the profiles that exist when none serves the region', () => {
    const attempt = () => resolver('eu-west-1').resolveSync('claude-3-opus');
    expect(attempt).toThrow(OnDemandNotSupportedError);
    try {
      attempt();
    } catch (error) {
      const failure = error as OnDemandNotSupportedError;
      expect(failure.message).toContain('us.anthropic.claude-3-opus-20240229-v1:0');
      expect(failure.modelId).toBe('anthropic.claude-3-opus-20240229-v1:0');
      expect(failure.code).toBe('on_demand_not_supported');
    }
    expect(() => resolver('eu-west-1').resolveSync('meta.llama3-2-11b-instruct-v1:0')).toThrow(
      OnDemandNotSupportedError,
    );
  });

  it('does not send GovCloud callers to a global profile', () => {
    expect(() => resolver('us-gov-west-1').resolveSync('claude-sonnet-4')).toThrow(OnDemandNotSupportedError);
    expect(resolver('sa-east-1').resolveSync('claude-sonnet-4')?.invokeId).toBe(
      'global.anthropic.claude-sonnet-4-20250514-v1:0',
    );
  });
});

describe('ModelResolver: profile IDs and ARNs', () => {
  it('invokes a system profile ID as given, in the caller region', () => {
    const info = resolver('eu-west-1').resolveSync(`eu.${SONNET_37}`);
    expect(info).toMatchObject({
      invokeId: `eu.${SONNET_37}`,
      baseModelId: SONNET_37,
      kind: 'system-profile',
    });
    expect(info?.routedVia).toBeUndefined();
    expect(resolver('ap-northeast-1').resolveSync(`jp.${SONNET_45}`)?.baseModelId).toBe(SONNET_45);
  });

  it('keeps a foundation-model ARN as the invoke ID and takes the region from it', () => {
    const arn = `arn:aws:bedrock:eu-central-1::foundation-model/${HAIKU_3}`;
    expect(resolver('us-east-1').resolveSync(arn)).toMatchObject({
      invokeId: arn,
      baseModelId: HAIKU_3,
      kind: 'foundation-model',
      region: 'eu-central-1',
    });
  });

  it('reads the model of a system inference-profile ARN from its profile ID', () => {
    const arn = `arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.${SONNET_45}`;
    const info = resolver('eu-west-1').resolveSync(arn);
    expect(info).toMatchObject({
      invokeId: arn,
      baseModelId: SONNET_45,
      kind: 'system-profile',
      region: 'us-west-2',
    });
    expect(info?.price.input).toBeCloseTo(3.3, 9);
  });

  it('reads the base model of a custom-model ARN without a lookup, unpriced', () => {
    const arn =
      'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ly16hhi765j4';
    expect(resolver().resolveSync(arn)).toMatchObject({
      kind: 'custom',
      invokeId: arn,
      baseModelId: 'amazon.titan-text-express-v1',
      price: { input: 0, output: 0 },
    });
  });

  it('explains that imported models cannot be resolved', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdef123456';
    expect(() => resolver().resolveSync(arn)).toThrow(ValidationError);
  });
});

describe('ModelResolver: application inference profiles', () => {
  it('asks GetInferenceProfile for the model and caches the answer per ARN', async () => {
    const { controlPlane, calls } = fakeControlPlane([
      `arn:aws:bedrock:us-west-2::foundation-model/${SONNET_37}`,
    ]);
    const r = resolver('us-east-1', controlPlane);
    expect(r.resolveSync(APP_PROFILE)).toBeUndefined();
    const info = await r.resolve(APP_PROFILE);
    expect(info).toMatchObject({
      invokeId: APP_PROFILE,
      baseModelId: SONNET_37,
      kind: 'application-profile',
      region: 'us-west-2',
      source: 'registry',
      capabilities: expect.objectContaining({ reasoning: 'anthropic-thinking' }),
    });
    expect((await r.resolve(`bedrock:${APP_PROFILE}`)).requested).toBe(`bedrock:${APP_PROFILE}`);
    expect(r.resolveSync(APP_PROFILE)?.baseModelId).toBe(SONNET_37);
    expect(calls).toEqual([APP_PROFILE]);
  });

  it('shares one lookup between concurrent resolves of the same ARN', async () => {
    const { controlPlane, calls } = fakeControlPlane([
      `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU_3}`,
    ]);
    const r = resolver('us-east-1', controlPlane);
    const [a, b] = await Promise.all([r.resolve(APP_PROFILE), r.resolve(APP_PROFILE)]);
    expect(a.baseModelId).toBe(HAIKU_3);
    expect(b.baseModelId).toBe(HAIKU_3);
    expect(calls).toHaveLength(1);
  });

  it('forgets a failed lookup so the next resolve tries again', async () => {
    let attempts = 0;
    const controlPlane: ControlPlaneLookup = {
      async getInferenceProfile() {
        attempts++;
        if (attempts === 1) throw new Error('throttled');
        return { models: [{ modelArn: `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU_3}` }] };
      },
    };
    const r = resolver('us-east-1', controlPlane);
    await expect(r.resolve(APP_PROFILE)).rejects.toThrow('throttled');
    expect((await r.resolve(APP_PROFILE)).baseModelId).toBe(HAIKU_3);
    expect(attempts).toBe(2);
  });

  it('prices a profile copied from a geographic system profile like that profile', async () => {
    const regions = ['us-east-1', 'us-east-2', 'us-west-2'];
    const { controlPlane } = fakeControlPlane(
      regions.map((region) => `arn:aws:bedrock:${region}::foundation-model/${SONNET_45}`),
    );
    const info = await resolver('us-east-1', controlPlane).resolve(APP_PROFILE);
    expect(info.price.input).toBeCloseTo(3.3, 9);
  });

  it('marks a model the registry does not know as answered by the control plane', async () => {
    const { controlPlane } = fakeControlPlane([
      'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-opus-9-v1:0',
    ]);
    const info = await resolver('us-east-1', controlPlane).resolve(APP_PROFILE);
    expect(info).toMatchObject({ baseModelId: 'anthropic.claude-opus-9-v1:0', source: 'control-plane' });
  });

  it('needs a control plane, and says so', async () => {
    await expect(resolver().resolve(APP_PROFILE)).rejects.toThrow(ValidationError);
    await expect(resolver().resolve(APP_PROFILE)).rejects.toThrow(/controlPlane/);
  });

  it('resolves provisioned models through GetProvisionedModelThroughput, unpriced', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdef123456';
    const controlPlane: ControlPlaneLookup = {
      getInferenceProfile: () => Promise.reject(new Error('not used')),
      getProvisionedModelThroughput: async () => ({
        foundationModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0:300k',
      }),
    };
    expect(await resolver('us-east-1', controlPlane).resolve(arn)).toMatchObject({
      kind: 'provisioned',
      baseModelId: 'amazon.nova-pro-v1:0',
      price: { input: 0, output: 0 },
    });
    const withoutThroughput = resolver('us-east-1', fakeControlPlane([]).controlPlane);
    await expect(withoutThroughput.resolve(arn)).rejects.toThrow(/getProvisionedModelThroughput/);
  });
});

describe('ModelResolver: unknown models', () => {
  it('suggests close matches for a typo', () => {
    try {
      resolver().resolveSync('claude-sonet-3.5');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelNotFoundError);
      const failure = error as ModelNotFoundError;
      expect(failure.suggestions[0]).toBe('claude-sonnet-3.5');
      expect(failure.suggestions.length).toBeLessThanOrEqual(5);
      expect(failure.message).toContain('claude-sonnet-3.5');
    }
  });

  it('suggests for unknown IDs and profile IDs of unknown providers too', async () => {
    await expect(resolver().resolve('acme.claude-3-haiku-20240307-v1:0')).rejects.toMatchObject({
      code: 'model_not_found',
      suggestions: expect.arrayContaining(['anthropic.claude-3-haiku-20240307-v1:0']),
    });
    await expect(resolver().resolve('us.acme.model-v1:0')).rejects.toThrow(ModelNotFoundError);
  });

  it('treats a near miss of a known ID as a typo, not as a new model', async () => {
    await expect(resolver().resolve('anthropic.claude-3-7-sonet-20250219-v1:0')).rejects.toMatchObject({
      code: 'model_not_found',
      suggestions: expect.arrayContaining([SONNET_37]),
    });
  });

  it('resolves a new ID of a known provider with conservative, documented defaults', () => {
    const info = resolver().resolveSync('anthropic.claude-sonnet-9-20300101-v1:0');
    expect(info).toMatchObject({
      invokeId: 'anthropic.claude-sonnet-9-20300101-v1:0',
      family: 'anthropic-messages',
      source: 'inferred',
      api: 'converse',
      contextWindow: 200_000,
      maxOutputTokens: 4096,
      price: { input: 0, output: 0 },
      capabilities: expect.objectContaining({ tools: true, reasoning: 'none', cachePoints: false }),
    });
    expect(resolver().resolveSync('amazon.nova-2-lite-v1:0')).toMatchObject({
      family: 'nova',
      source: 'inferred',
    });
    expect(resolver().resolveSync('meta.llama4-scout-17b-instruct-v1:0')).toMatchObject({ family: 'llama3' });
    expect(() => resolver().resolveSync('amazon.rerank-v1:0')).toThrow(ModelNotFoundError);
  });
});
