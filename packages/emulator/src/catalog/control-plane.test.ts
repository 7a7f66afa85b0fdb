import { Readable } from 'node:stream';
import {
  BedrockClient,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock';
import { type HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { describe, expect, it } from 'vitest';
import type { EmulatorError } from '../errors/emulator-error.js';
import {
  getFoundationModel,
  getInferenceProfile,
  listFoundationModels,
  listInferenceProfiles,
} from './control-plane.js';
import { createCatalog } from './create-catalog.js';
import type { Catalog } from './types.js';

const catalog = createCatalog({
  applicationInferenceProfiles: [{ id: 'abc123xyz', name: 'team-a', modelId: 'amazon.nova-lite-v1:0' }],
});

/** Answers the SDK's request from the control-plane handlers, as the emulator's server would. */
function answer(target: Catalog, request: HttpRequest): HttpResponse {
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x) => [k, x]) : [[k, String(v)]],
    ),
  );
  const label = decodeURIComponent(request.path.split('/')[2] ?? '');
  try {
    const body = request.path.startsWith('/foundation-models/')
      ? getFoundationModel(target, label)
      : request.path === '/foundation-models'
        ? listFoundationModels(target, query)
        : request.path.startsWith('/inference-profiles/')
          ? getInferenceProfile(target, label)
          : listInferenceProfiles(target, query);
    return response(200, {}, body);
  } catch (error) {
    const e = error as EmulatorError;
    return response(
      e.status,
      { 'x-amzn-errortype': `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
      e.body(),
    );
  }
}

const response = (statusCode: number, headers: Record<string, string>, body: unknown) =>
  new HttpResponse({
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  });

const sdk = (target: Catalog = catalog) =>
  new BedrockClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => ({ response: answer(target, request) }),
    } as never,
  });

describe('ListFoundationModels', () => {
  it('deserialises in the SDK with every summary member', async () => {
    const out = await sdk().send(new ListFoundationModelsCommand({}));
    expect(out.modelSummaries).toHaveLength(catalog.models.length);
    expect(
      out.modelSummaries?.find((m) => m.modelId === 'anthropic.claude-3-7-sonnet-20250219-v1:0'),
    ).toEqual({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelName: 'Claude 3.7 Sonnet',
      providerName: 'Anthropic',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
  });

  it('keeps the runtime-only feature flags (tools, toolStreaming) off the wire', () => {
    const llama = 'meta.llama3-1-70b-instruct-v1:0';
    expect(catalog.modelsById.get(llama)?.toolStreaming).toBe(false);
    const answers = [
      ...listFoundationModels(catalog, new URLSearchParams()).modelSummaries,
      getFoundationModel(catalog, llama).modelDetails,
    ];
    for (const answer of answers) {
      expect(answer).not.toHaveProperty('toolStreaming');
      expect(answer).not.toHaveProperty('tools');
    }
  });

  it('filters by provider (any case), output modality, inference type and customization', async () => {
    const ids = async (input: ConstructorParameters<typeof ListFoundationModelsCommand>[0]) =>
      ((await sdk().send(new ListFoundationModelsCommand(input))).modelSummaries ?? []).map((m) => m.modelId);
    const meta = await ids({ byProvider: 'meta' });
    expect(meta.length).toBeGreaterThan(5);
    expect(meta.every((id) => id?.startsWith('meta.'))).toBe(true);
    expect(await ids({ byProvider: 'Mistral AI' })).toContain('mistral.mistral-7b-instruct-v0:2');
    expect(await ids({ byOutputModality: 'IMAGE' })).toEqual([]);
    expect((await ids({ byOutputModality: 'TEXT' })).length).toBe(catalog.models.length);
    const onDemand = await ids({ byInferenceType: 'ON_DEMAND' });
    expect(onDemand).toContain('anthropic.claude-3-haiku-20240307-v1:0');
    expect(onDemand).not.toContain('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(await ids({ byCustomizationType: 'CONTINUED_PRE_TRAINING' })).toEqual([
      'amazon.titan-text-express-v1',
      'amazon.titan-text-lite-v1',
    ]);
    expect(
      await ids({
        byProvider: 'anthropic',
        byInferenceType: 'ON_DEMAND',
        byCustomizationType: 'FINE_TUNING',
      }),
    ).toEqual(['anthropic.claude-3-haiku-20240307-v1:0']);
  });
});

describe('GetFoundationModel', () => {
  it('answers by id or ARN', async () => {
    const byId = await sdk().send(
      new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-micro-v1:0' }),
    );
    expect(byId.modelDetails).toMatchObject({ modelName: 'Nova Micro', inputModalities: ['TEXT'] });
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/cohere.command-r-v1:0';
    const byArn = await sdk().send(new GetFoundationModelCommand({ modelIdentifier: arn }));
    expect(byArn.modelDetails?.modelArn).toBe(arn);
  });

  it('answers 404 for an unknown model', async () => {
    const error = await sdk()
      .send(new GetFoundationModelCommand({ modelIdentifier: 'acme.unknown-v1' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      'Could not resolve the foundation model from the provided model identifier.',
    );
  });
});

describe('ListInferenceProfiles', () => {
  it('lists the Region’s geography, global and application profiles, with SDK-parsed dates', async () => {
    const out = await sdk().send(new ListInferenceProfilesCommand({}));
    const ids = out.inferenceProfileSummaries?.map((p) => p.inferenceProfileId) ?? [];
    expect(ids).toContain('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(ids).toContain('global.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(ids).toContain('abc123xyz');
    expect(ids.some((id) => id?.startsWith('eu.') || id?.startsWith('apac.'))).toBe(false);
    expect(out.nextToken).toBeUndefined();
    const summary = out.inferenceProfileSummaries?.find(
      (p) => p.inferenceProfileId === 'us.amazon.nova-pro-v1:0',
    );
    expect(summary).toEqual({
      inferenceProfileName: 'US Amazon Nova Pro',
      description: 'Routes requests to Amazon Nova Pro in us-east-1, us-east-2 and us-west-2.',
      createdAt: new Date('2024-12-03T00:00:00Z'),
      updatedAt: new Date('2024-12-03T00:00:00Z'),
      inferenceProfileArn: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0',
      models: ['us-east-1', 'us-east-2', 'us-west-2'].map((r) => ({
        modelArn: `arn:aws:bedrock:${r}::foundation-model/amazon.nova-pro-v1:0`,
      })),
      inferenceProfileId: 'us.amazon.nova-pro-v1:0',
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
  });

  it('filters by typeEquals', async () => {
    const app = await sdk().send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    expect(app.inferenceProfileSummaries?.map((p) => p.inferenceProfileId)).toEqual(['abc123xyz']);
    const system = await sdk().send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }));
    expect(system.inferenceProfileSummaries?.every((p) => p.type === 'SYSTEM_DEFINED')).toBe(true);
  });

  it('pages with maxResults and nextToken, through the SDK paginator', async () => {
    const all = (await sdk().send(new ListInferenceProfilesCommand({}))).inferenceProfileSummaries ?? [];
    const paged: string[] = [];
    let pages = 0;
    for await (const page of paginateListInferenceProfiles({ client: sdk(), pageSize: 7 }, {})) {
      pages++;
      expect(page.inferenceProfileSummaries?.length).toBeLessThanOrEqual(7);
      for (const p of page.inferenceProfileSummaries ?? []) paged.push(p.inferenceProfileId ?? '');
    }
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(paged).toEqual(all.map((p) => p.inferenceProfileId));
  });

  it('shows the profiles of the catalog’s own geography', () => {
    const eu = createCatalog({ region: 'eu-west-1' });
    const ids = listInferenceProfiles(eu, new URLSearchParams()).inferenceProfileSummaries.map(
      (p) => (p as { inferenceProfileId: string }).inferenceProfileId,
    );
    expect(ids).toContain('eu.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(ids.some((id) => id.startsWith('us.'))).toBe(false);
  });

  it('refuses a token it did not issue', () => {
    expect(() => listInferenceProfiles(catalog, new URLSearchParams({ nextToken: 'bogus' }))).toThrow(
      expect.objectContaining({ status: 400, type: 'ValidationException' }),
    );
  });
});

describe('GetInferenceProfile', () => {
  it('answers by id or ARN, system-defined or application', async () => {
    const system = await sdk().send(
      new GetInferenceProfileCommand({
        inferenceProfileIdentifier: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      }),
    );
    expect(system).toMatchObject({
      inferenceProfileName: 'US Anthropic Claude Sonnet 4',
      type: 'SYSTEM_DEFINED',
    });
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz';
    const app = await sdk().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: arn }));
    expect(app).toMatchObject({
      inferenceProfileArn: arn,
      inferenceProfileName: 'team-a',
      type: 'APPLICATION',
      models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0' }],
    });
    expect(app.createdAt).toBeInstanceOf(Date);
  });

  it('answers 404 for an unknown profile, or one of another geography', async () => {
    for (const id of ['us.acme.unknown-v1', 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0']) {
      const error = await sdk()
        .send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: id }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
    }
  });
});
