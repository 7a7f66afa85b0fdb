import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/strata-error.js';
import { parseModelIdentifier, stripBedrockPrefix } from './parse-model-id.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('parseModelIdentifier', () => {
  it('reads registry aliases, with or without the bedrock: prefix, even when they contain dots', () => {
    expect(parseModelIdentifier('claude-sonnet-3.5')).toEqual({ form: 'alias', alias: 'claude-sonnet-3.5' });
    expect(parseModelIdentifier('bedrock:claude-sonnet-3.5')).toEqual({
      form: 'alias',
      alias: 'claude-sonnet-3.5',
    });
    expect(parseModelIdentifier('claude-3.7-sonnet')).toEqual({ form: 'alias', alias: 'claude-3.7-sonnet' });
    expect(parseModelIdentifier('Nova-Pro')).toEqual({ form: 'alias', alias: 'Nova-Pro' });
  });

  it('reads foundation model IDs, with or without the prefix, and their context variants', () => {
    expect(parseModelIdentifier(HAIKU)).toEqual({ form: 'foundation-model', modelId: HAIKU });
    expect(parseModelIdentifier(`bedrock:${HAIKU}`)).toEqual({ form: 'foundation-model', modelId: HAIKU });
    expect(parseModelIdentifier('  amazon.titan-text-express-v1:0:8k ')).toEqual({
      form: 'foundation-model',
      modelId: 'amazon.titan-text-express-v1:0:8k',
    });
  });

  it.each([
    ['us', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['eu', 'eu.amazon.nova-pro-v1:0'],
    ['apac', 'apac.anthropic.claude-sonnet-4-20250514-v1:0'],
    ['global', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['us-gov', 'us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0'],
    ['jp', 'jp.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['au', 'au.anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['ca', 'ca.amazon.nova-lite-v1:0'],
  ])('reads %s. system profile IDs', (geo, profileId) => {
    expect(parseModelIdentifier(profileId)).toEqual({
      form: 'system-profile',
      profileId,
      geo,
      modelId: profileId.slice(geo.length + 1),
    });
  });

  it('reads foundation-model ARNs with their region', () => {
    const arn = `arn:aws:bedrock:eu-central-1::foundation-model/${HAIKU}`;
    expect(parseModelIdentifier(arn)).toEqual({
      form: 'foundation-model-arn',
      modelId: HAIKU,
      arn,
      partition: 'aws',
      region: 'eu-central-1',
      account: '',
    });
  });

  it('reads system inference-profile ARNs', () => {
    const arn =
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0';
    expect(parseModelIdentifier(`bedrock:${arn}`)).toMatchObject({
      form: 'system-profile-arn',
      profileId: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      geo: 'us',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      region: 'us-west-2',
      account: '123456789012',
    });
  });

  it('reads application-profile, provisioned, custom and imported model ARNs', () => {
    expect(
      parseModelIdentifier(
        'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
      ),
    ).toMatchObject({ form: 'application-profile-arn', profileId: 'a1b2c3d4e5f6', region: 'us-east-1' });
    expect(
      parseModelIdentifier('arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abcdef123456'),
    ).toMatchObject({ form: 'provisioned-model-arn', resourceId: 'abcdef123456', region: 'us-west-2' });
    expect(
      parseModelIdentifier(
        'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ly16hhi765j4',
      ),
    ).toMatchObject({
      form: 'custom-model-arn',
      baseModelId: 'amazon.titan-text-express-v1:0:8k',
      resourceId: 'ly16hhi765j4',
    });
    expect(
      parseModelIdentifier('arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdef123456'),
    ).toMatchObject({ form: 'imported-model-arn', resourceId: 'abcdef123456' });
    expect(
      parseModelIdentifier('arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdef123456'),
    ).toMatchObject({
      form: 'imported-model-arn',
      resourceId: 'abcdef123456',
    });
  });

  it('keeps the partition of GovCloud ARNs', () => {
    expect(
      parseModelIdentifier(`arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/${HAIKU}`),
    ).toMatchObject({ form: 'foundation-model-arn', partition: 'aws-us-gov', region: 'us-gov-west-1' });
  });

  it.each([
    ['arn:aws:s3:::bucket/key'],
    ['arn:aws:bedrock:us-east-1:123456789012:guardrail/abc'],
    ['arn:aws:bedrock:us-east-1::foundation-model/NotAModel'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/anthropic.claude-3-haiku-20240307-v1:0'],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/short'],
    ['arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1'],
  ])('rejects %s with a ValidationError on the model field', (arn) => {
    expect(() => parseModelIdentifier(arn)).toThrow(ValidationError);
    try {
      parseModelIdentifier(arn);
    } catch (error) {
      expect((error as ValidationError).path).toBe('model');
    }
  });

  it('rejects an empty identifier and treats other text as an unknown alias', () => {
    expect(() => parseModelIdentifier('  ')).toThrow(ValidationError);
    expect(() => parseModelIdentifier('bedrock:')).toThrow(ValidationError);
    expect(parseModelIdentifier('gpt-4o')).toEqual({ form: 'alias', alias: 'gpt-4o' });
  });
});

describe('stripBedrockPrefix', () => {
  it('removes one bedrock: prefix and surrounding space', () => {
    expect(stripBedrockPrefix(' bedrock:nova-pro ')).toBe('nova-pro');
    expect(stripBedrockPrefix('nova-pro')).toBe('nova-pro');
  });
});
