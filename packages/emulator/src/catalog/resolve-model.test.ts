import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../errors/emulator-error.js';
import { createCatalog } from './create-catalog.js';
import { resolveModelIdentifier } from './resolve-model.js';

const catalog = createCatalog({
  applicationInferenceProfiles: [
    { id: 'abc123xyz', name: 'team-a', modelId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' },
  ],
  deniedModels: ['cohere.command-r-plus-v1:0', 'anthropic.claude-opus-4-20250514-v1:0'],
});
const resolve = (id: string, region = 'us-east-1') => resolveModelIdentifier(id, { region, catalog });

function refusal(id: string, region?: string): EmulatorError {
  try {
    resolve(id, region);
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    return error as EmulatorError;
  }
  throw new Error(`${id} resolved`);
}

const NOT_FOUND = {
  status: 404,
  type: 'ResourceNotFoundException',
  message: 'Could not resolve the foundation model from the provided model identifier.',
};
const INVALID = {
  status: 400,
  type: 'ValidationException',
  message: 'The provided model identifier is invalid.',
};

describe('resolveModelIdentifier: accepted forms', () => {
  it('a bare foundation model id', () => {
    const { model, profile } = resolve('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(model.modelId).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(profile).toBeUndefined();
  });

  it('a foundation-model ARN', () => {
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0';
    expect(resolve(arn).model.modelId).toBe('meta.llama3-1-70b-instruct-v1:0');
  });

  it('a system profile id, in its own geography or globally', () => {
    const us = resolve('us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(us.model.modelId).toBe('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(us.profile?.type).toBe('SYSTEM_DEFINED');
    expect(resolve('eu.amazon.nova-pro-v1:0', 'eu-west-1').model.modelId).toBe('amazon.nova-pro-v1:0');
    expect(resolve('global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'ap-south-1').profile?.geo).toBe(
      'global',
    );
  });

  it('an inference-profile ARN', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-3-70b-instruct-v1:0';
    expect(resolve(arn).model.family).toBe('llama3');
  });

  it('an application inference profile, by ARN or id', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz';
    const viaArn = resolve(arn);
    expect(viaArn.model.modelId).toBe('anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(viaArn.profile?.inferenceProfileName).toBe('team-a');
    expect(resolve('abc123xyz').profile?.type).toBe('APPLICATION');
  });
});

describe('resolveModelIdentifier: Bedrock’s refusals', () => {
  it('404 for well-formed identifiers that name nothing', () => {
    for (const id of [
      'anthropic.claude-v9',
      'anthropic.claude-3-haiku-20240307-v1:0:200k',
      'us.amazon.titan-text-express-v1',
      'arn:aws:bedrock:us-east-1::foundation-model/acme.model-v1',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.acme.model-v1',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/nope12345678',
      'arn:aws:bedrock:us-east-1:999999999999:application-inference-profile/abc123xyz',
      'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl',
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl',
    ]) {
      expect(refusal(id), id).toMatchObject(NOT_FOUND);
    }
  });

  it('400 for identifiers of no known shape', () => {
    for (const id of [
      'sonnet',
      'Anthropic.Claude-V2',
      'anthropic claude',
      '',
      'arn:aws:s3:::bucket/key',
      'arn:aws:bedrock:us-east-1:123456789012:foundation-model/anthropic.claude-v2',
      'arn:aws:bedrock:us-east-1:123456789012:guardrail/abc',
    ]) {
      expect(refusal(id), id).toMatchObject(INVALID);
    }
  });

  it('400 for a system profile of another geography than the request’s Region', () => {
    expect(refusal('eu.anthropic.claude-3-7-sonnet-20250219-v1:0', 'us-east-1')).toMatchObject(INVALID);
    expect(refusal('us.amazon.nova-lite-v1:0', 'ap-northeast-1')).toMatchObject(INVALID);
  });

  it('400 for a profile-only model called on demand, by id or ARN', () => {
    const message = (id: string) =>
      `Invocation of model ID ${id} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
    for (const id of [
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'meta.llama3-2-90b-instruct-v1:0',
      'amazon.nova-premier-v1:0',
    ]) {
      expect(refusal(id)).toMatchObject({ status: 400, type: 'ValidationException', message: message(id) });
    }
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-premier-v1:0';
    expect(refusal(arn).message).toBe(message('amazon.nova-premier-v1:0'));
  });

  it('403 for a model whose access is denied, however it is named', () => {
    const denied = {
      status: 403,
      type: 'AccessDeniedException',
      message: "You don't have access to the model with the specified model ID.",
    };
    expect(refusal('cohere.command-r-plus-v1:0')).toMatchObject(denied);
    expect(refusal('us.anthropic.claude-opus-4-20250514-v1:0')).toMatchObject(denied);
    expect(resolve('cohere.command-r-v1:0').model.modelId).toBe('cohere.command-r-v1:0');
  });
});
