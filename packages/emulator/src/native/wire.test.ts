import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codecFor } from './index.js';
import { cachedUsage, expectedMetrics, metrics, textReply, usage } from './test-support/native-fixtures.js';
import { guardrailFields, invocationMetrics, runningCounts, splitJson, uuidFrom } from './wire.js';

describe('invocationMetrics', () => {
  it('reports tokens and latencies, and cache counts only when caching took part', () => {
    expect(invocationMetrics(usage, metrics)).toEqual(expectedMetrics);
    expect(invocationMetrics(cachedUsage, metrics)).toEqual({
      ...expectedMetrics,
      cacheReadInputTokenCount: 900,
      cacheWriteInputTokenCount: 30,
    });
  });
});

describe('splitJson', () => {
  it('keeps {} whole and splits anything longer into at least two pieces', () => {
    expect(splitJson({})).toEqual(['{}']);
    expect(splitJson(undefined)).toEqual(['{}']);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (input) => {
        const pieces = splitJson(input);
        expect(pieces.length).toBeGreaterThanOrEqual(2);
        expect(pieces.join('')).toBe(JSON.stringify(input));
      }),
    );
  });
});

describe('runningCounts', () => {
  it('rises to the total', () => {
    expect(runningCounts(10, 4)).toEqual([3, 5, 8, 10]);
    expect(runningCounts(0, 2)).toEqual([0, 0]);
    expect(runningCounts(5, 0)).toEqual([]);
  });
});

describe('uuidFrom and guardrailFields', () => {
  it('derives stable UUID-shaped ids', () => {
    expect(uuidFrom('a')).toBe(uuidFrom('a'));
    expect(uuidFrom('a')).not.toBe(uuidFrom('b'));
    expect(uuidFrom('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('flags only a guardrail’s intervention', () => {
    expect(guardrailFields(textReply('x', 'guardrail_intervened'))).toEqual({
      'amazon-bedrock-guardrailAction': 'INTERVENED',
    });
    expect(guardrailFields(textReply('x', 'content_filtered'))).toEqual({});
  });
});

describe('codecFor', () => {
  it('returns the codec of each family', () => {
    const families = [
      'anthropic-messages',
      'claude-text',
      'titan-text',
      'nova',
      'llama2',
      'llama3',
      'mistral',
      'cohere-command-r',
    ] as const;
    for (const family of families) expect(codecFor(family).family).toBe(family);
  });
});
