import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../cost/estimate-cost.js';
import { ModelNotFoundError, ValidationError } from '../errors/strata-error.js';
import type { Diagnostic } from '../preflight/index.js';
import { userText, withEmulator } from '../test-support/emulator.js';

const APP_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-haiku';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({
    script: {
      applicationInferenceProfiles: [
        { id: 'team-haiku', name: 'team', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      ],
    },
  });
});
afterAll(() => env.emulator.close());

describe('model resolution through the client', () => {
  it('the seed aliases resolve to the seed models and prices', async () => {
    const client = env.client();
    const opus = await client.resolveModel('bedrock:claude-opus-4');
    expect(opus.baseModelId).toBe('anthropic.claude-3-opus-20240229-v1:0');
    expect(opus.price).toMatchObject({ input: 15, output: 75 });
    const sonnet = await client.resolveModel('claude-sonnet-3.5');
    expect(sonnet.baseModelId).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(sonnet.price).toMatchObject({ input: 3, output: 15 });
    const haiku = await client.resolveModel('bedrock:claude-haiku-3');
    expect(haiku.baseModelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(haiku.price).toMatchObject({ input: 0.25, output: 1.25 });
  });

  it('an application inference profile ARN is resolved through GetInferenceProfile, once', async () => {
    env.emulator.resetStats();
    const client = env.client();
    const [a, b] = await Promise.all([client.resolveModel(APP_ARN), client.resolveModel(APP_ARN)]);
    expect(a.baseModelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(a.invokeId).toBe(APP_ARN);
    expect(a.kind).toBe('application-profile');
    expect(b.family).toBe('anthropic-messages');
    const result = await client.chat({ model: APP_ARN, messages: [userText('via the app profile')] });
    expect(result.message.content).toEqual([{ type: 'text', text: 'via the app profile' }]);
    expect(result.cost.total).toBeGreaterThan(0);
    expect(env.emulator.stats.byOperation.GetInferenceProfile).toBe(1);
  });

  it('a profile-only model called by bare ID is routed to the geo profile, and says so', async () => {
    const result = await env
      .client()
      .chat({ model: 'anthropic.claude-3-7-sonnet-20250219-v1:0', messages: [userText('routed')] });
    expect(result.routedVia).toBe('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(result.model).toBe('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(result.message.content).toEqual([{ type: 'text', text: 'routed' }]);
  });

  it('unknown IDs list close matches', async () => {
    const error = await env
      .client()
      .resolveModel('claude-sonet-3.5')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).suggestions[0]).toBe('claude-sonnet-3.5');
    expect((error as Error).message).toContain('claude-sonnet-3.5');
  });

  it('listModels merges the registry with the control plane', async () => {
    const models = await env.client().listModels();
    const haiku = models.find((m) => m.baseModelId === 'anthropic.claude-3-haiku-20240307-v1:0');
    expect(haiku?.listed).toBe(true);
    expect(haiku?.aliases).toContain('claude-haiku-3');
    expect(models.length).toBeGreaterThan(30);
  });
});

describe('preflight through the client', () => {
  it('repairs what Bedrock would reject and reports each repair', async () => {
    const diagnostics: Diagnostic[] = [];
    const result = await env.client({ onDiagnostic: (d) => diagnostics.push(d) }).chat({
      model: 'claude-haiku-3',
      messages: [
        userText('first'),
        userText('second'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '  ' },
            { type: 'tool-use', id: 't1', name: 'lookup', input: {} },
          ],
        },
        userText('no tool result here'),
      ],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'no tool result here' }]);
    const codes = diagnostics.map((d) => d.code);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(diagnostics.every((d) => typeof d.path === 'string' && d.message.length > 0)).toBe(true);
  });

  it('strict mode refuses the same request with a ValidationError naming the path', async () => {
    env.emulator.resetStats();
    const error = await env
      .client({ preflight: 'strict' })
      .chat({
        model: 'claude-haiku-3',
        messages: [
          userText('a'),
          { role: 'assistant', content: [{ type: 'text', text: ' ' }] },
          userText('b'),
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toMatch(/^messages\.1/);
    expect(env.emulator.stats.requests).toBe(0);
  });
});

describe('prompt caching and cost', () => {
  it('auto cache points turn a long repeated system prompt into a cache write, then reads that cost less', async () => {
    const client = env.client();
    const system = 'You are a meticulous assistant who answers with care. '.repeat(150);
    const first = await client.chat({
      model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      system,
      messages: [userText('one')],
    });
    const second = await client.chat({
      model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      system,
      messages: [userText('two')],
    });
    expect(first.usage.cacheWriteInputTokens).toBeGreaterThan(1000);
    expect(second.usage.cacheReadInputTokens).toBe(first.usage.cacheWriteInputTokens);
    expect(second.cost.cacheSavings).toBeGreaterThan(0);
    expect(second.cost.total).toBeLessThan(first.cost.total);
    const model = await client.resolveModel('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(second.cost).toEqual(estimateCost(second.usage, model));
  });

  it('cache: off places none', async () => {
    const system = 'Another long and stable system prompt for caching tests. '.repeat(150);
    const result = await env
      .client({ cache: 'off' })
      .chat({ model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', system, messages: [userText('x')] });
    expect(result.usage.cacheWriteInputTokens).toBe(0);
  });
});

describe('countTokens and health', () => {
  it('counts with CountTokens for Claude, estimates elsewhere', async () => {
    const client = env.client();
    const claude = await client.countTokens({
      model: 'claude-haiku-3',
      messages: [userText('count these words please')],
    });
    expect(claude.source).toBe('count-tokens');
    expect(claude.inputTokens).toBeGreaterThan(0);
    const llama = await client.countTokens({
      model: 'meta.llama3-8b-instruct-v1:0',
      messages: [userText('count these words please')],
    });
    expect(llama.source).toBe('estimate');
    expect(llama.inputTokens).toBeGreaterThan(0);
  });

  it('health reports reachability, auth and model access without spending tokens', async () => {
    env.emulator.resetStats();
    const report = await env.client().health({ models: ['claude-haiku-3', 'claude-nope-9'] });
    expect(report.reachable).toBe(true);
    expect(report.auth).toMatchObject({ method: 'sigv4', source: 'option:credentials' });
    expect(report.models[0]).toMatchObject({ model: 'claude-haiku-3', ok: true });
    expect(report.models[1]).toMatchObject({ model: 'claude-nope-9', ok: false });
    expect(report.ok).toBe(false);
    expect(env.emulator.stats.byOperation.ConverseStream ?? 0).toBe(0);
  });
});
