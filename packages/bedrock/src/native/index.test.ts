import { describe, expect, it } from 'vitest';
import type { ModelFamily } from '../models/model-info.js';
import { nativeCodecFor, usageFromInvokeHeaders } from './index.js';

const FAMILIES: ModelFamily[] = [
  'anthropic-messages',
  'claude-text',
  'titan-text',
  'nova',
  'llama2',
  'llama3',
  'mistral',
  'cohere-command-r',
];

describe('nativeCodecFor', () => {
  it.each(FAMILIES)('has a codec for %s', (family) => {
    expect(nativeCodecFor(family).family).toBe(family);
  });
});

describe('usageFromInvokeHeaders', () => {
  it('reads the billed counts of a non-streamed InvokeModel reply', () => {
    const headers = new Headers({
      'X-Amzn-Bedrock-Input-Token-Count': '12',
      'X-Amzn-Bedrock-Output-Token-Count': '7',
      'X-Amzn-Bedrock-Cache-Read-Input-Token-Count': '3',
    });
    expect(usageFromInvokeHeaders((name) => headers.get(name))).toEqual({
      inputTokens: 12,
      outputTokens: 7,
      cacheReadInputTokens: 3,
      cacheWriteInputTokens: 0,
      totalTokens: 22,
    });
    expect(usageFromInvokeHeaders(() => null)).toBeUndefined();
  });
});
