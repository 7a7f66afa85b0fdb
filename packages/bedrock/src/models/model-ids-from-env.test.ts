import { describe, expect, it } from 'vitest';
import { modelIdsFromEnv } from './model-ids-from-env.js';

describe('modelIdsFromEnv (BEDROCK_MODEL_ARNS)', () => {
  it('splits on commas, trims, and drops empty entries', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    expect(modelIdsFromEnv(` ${arn} , claude-sonnet-3.5,,\tus.amazon.nova-pro-v1:0 ,`)).toEqual([
      arn,
      'claude-sonnet-3.5',
      'us.amazon.nova-pro-v1:0',
    ]);
  });

  it('answers an empty list for an unset or blank variable', () => {
    expect(modelIdsFromEnv(undefined)).toEqual([]);
    expect(modelIdsFromEnv('')).toEqual([]);
    expect(modelIdsFromEnv(' , ')).toEqual([]);
  });
});
