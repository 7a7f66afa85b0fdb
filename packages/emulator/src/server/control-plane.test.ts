import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlClient, runtimeClient } from '../test-support/clients.js';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

let emulator: RunningEmulator;
const APP_PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-a-haiku';

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: {
      applicationInferenceProfiles: [
        { id: 'team-a-haiku', name: 'team-a', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      ],
    },
  });
});
afterAll(() => emulator.close());

describe('the official control-plane client', () => {
  it('lists foundation models, filtered by provider', async () => {
    const all = await controlClient(emulator.url).send(new ListFoundationModelsCommand({}));
    const ids = all.modelSummaries?.map((m) => m.modelId) ?? [];
    expect(ids).toContain('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(ids).toContain('amazon.nova-pro-v1:0');
    expect(ids).toContain('meta.llama3-8b-instruct-v1:0');
    const meta = await controlClient(emulator.url).send(
      new ListFoundationModelsCommand({ byProvider: 'Meta' }),
    );
    expect(meta.modelSummaries?.length).toBeGreaterThan(0);
    expect(meta.modelSummaries?.every((m) => m.providerName === 'Meta')).toBe(true);
  });

  it('gets one foundation model, and 404s an unknown one', async () => {
    const out = await controlClient(emulator.url).send(
      new GetFoundationModelCommand({ modelIdentifier: 'anthropic.claude-3-haiku-20240307-v1:0' }),
    );
    expect(out.modelDetails?.modelArn).toBe(
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(out.modelDetails?.responseStreamingSupported).toBe(true);
    await expect(
      controlClient(emulator.url).send(new GetFoundationModelCommand({ modelIdentifier: 'nope.model-v1:0' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists system-defined and application inference profiles', async () => {
    const system = await controlClient(emulator.url).send(
      new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }),
    );
    const ids = system.inferenceProfileSummaries?.map((p) => p.inferenceProfileId) ?? [];
    expect(ids).toContain('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    const app = await controlClient(emulator.url).send(
      new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }),
    );
    expect(app.inferenceProfileSummaries?.map((p) => p.inferenceProfileArn)).toEqual([APP_PROFILE_ARN]);
  });

  it('paginates inference profiles with nextToken', async () => {
    const client = controlClient(emulator.url);
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListInferenceProfilesCommand({ maxResults: 5, ...(nextToken ? { nextToken } : {}) }),
      );
      expect(page.inferenceProfileSummaries?.length).toBeLessThanOrEqual(5);
      seen.push(...(page.inferenceProfileSummaries?.map((p) => p.inferenceProfileId ?? '') ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(5);
  });

  it('gets an application profile by ARN, naming its model', async () => {
    const out = await controlClient(emulator.url).send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: APP_PROFILE_ARN }),
    );
    expect(out.type).toBe('APPLICATION');
    expect(out.models?.[0]?.modelArn).toContain('anthropic.claude-3-haiku-20240307-v1:0');
  });

  it('the runtime accepts the application profile ARN as a model id', async () => {
    const out = await runtimeClient(emulator.url).send(
      new ConverseCommand({
        modelId: APP_PROFILE_ARN,
        messages: [{ role: 'user', content: [{ text: 'via profile' }] }],
      }),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('via profile');
  });
});
