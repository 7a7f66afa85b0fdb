import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryModel } from '../models/model-info.js';
import { findRegistryAlias } from '../models/registry.js';
import { REGISTRY } from '../models/registry-data.js';
import { ModelResolver } from '../models/resolve-model.js';
import { estimateCost } from './estimate-cost.js';

function model(alias: string): RegistryModel {
  const found = findRegistryAlias(alias);
  if (!found) throw new Error(`no ${alias} in the registry`);
  return found;
}

describe('estimateCost', () => {
  it('prices the seed models per million tokens', () => {
    const million = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    expect(estimateCost(million, model('claude-opus-4'))).toMatchObject({ input: 15, output: 75, total: 90 });
    expect(estimateCost(million, model('claude-sonnet-3.5'))).toMatchObject({
      input: 3,
      output: 15,
      total: 18,
    });
    const haiku = estimateCost({ inputTokens: 2000, outputTokens: 400 }, model('claude-haiku-3'));
    expect(haiku.input).toBeCloseTo(0.0005, 12);
    expect(haiku.output).toBeCloseTo(0.0005, 12);
    expect(haiku.total).toBeCloseTo(0.001, 12);
    expect(haiku.currency).toBe('USD');
  });

  it('bills cache reads and writes at their own rates and reports what the reads saved', () => {
    const usage = {
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadInputTokens: 10_000,
      cacheWriteInputTokens: 2000,
    };
    const cost = estimateCost(usage, model('claude-3.7-sonnet'));
    expect(cost.input).toBeCloseTo(0.003, 12);
    expect(cost.output).toBeCloseTo(0.0015, 12);
    expect(cost.cacheRead).toBeCloseTo(0.003, 12);
    expect(cost.cacheWrite).toBeCloseTo(0.0075, 12);
    expect(cost.total).toBeCloseTo(0.015, 12);
    expect(cost.cacheSavings).toBeCloseTo(0.027, 12);
  });

  it("falls back to Anthropic's cache ratios for a Claude model without cache rates", () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 1_000_000,
      cacheWriteInputTokens: 1_000_000,
    };
    const cost = estimateCost(usage, model('claude-sonnet-3.5'));
    expect(cost.cacheRead).toBeCloseTo(0.3, 9);
    expect(cost.cacheWrite).toBeCloseTo(3.75, 9);
    expect(cost.cacheSavings).toBeCloseTo(2.7, 9);
  });

  it('bills cached tokens of other models without cache rates at the input rate, saving nothing', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 1_000_000,
      cacheWriteInputTokens: 1_000_000,
    };
    const cost = estimateCost(usage, model('titan-text-express'));
    expect(cost.cacheRead).toBeCloseTo(0.2, 9);
    expect(cost.cacheWrite).toBeCloseTo(0.2, 9);
    expect(cost.cacheSavings).toBe(0);
  });

  it('uses the price a ModelInfo carries: a Claude 4.5 geographic profile costs 10% more than global', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    const geographic = new ModelResolver({ region: 'us-east-1' }).resolveSync('claude-sonnet-4.5');
    const global = new ModelResolver({ region: 'us-east-1' }).resolveSync(
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    if (!geographic || !global) throw new Error('resolves offline');
    expect(estimateCost(usage, geographic).total).toBeCloseTo(19.8, 9);
    expect(estimateCost(usage, global).total).toBeCloseTo(18, 9);
    // The region argument is for registry models only: a ModelInfo's price already has its region applied.
    expect(estimateCost(usage, global, 'us-gov-west-1').total).toBeCloseTo(18, 9);
  });

  it('applies the documented regional multiplier to a registry model, and the base elsewhere', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    expect(estimateCost(usage, model('claude-3.7-sonnet'), 'us-gov-west-1').total).toBeCloseTo(21.6, 9);
    expect(estimateCost(usage, model('claude-3.7-sonnet'), 'eu-west-1').total).toBeCloseTo(18, 9);
    expect(estimateCost(usage, model('claude-3.7-sonnet')).total).toBeCloseTo(18, 9);
  });

  it('rounds every figure to a billionth of a dollar', () => {
    // One cached Nova Micro token costs $0.00000000875: billed as $0.000000009.
    const cost = estimateCost(
      { inputTokens: 3, outputTokens: 0, cacheReadInputTokens: 1 },
      model('nova-micro'),
    );
    expect(cost.cacheRead).toBeCloseTo(9e-9, 15);
    expect(cost.input).toBeCloseTo(1.05e-7, 15);
    expect(cost.total).toBeCloseTo(1.14e-7, 15);
    expect(cost.cacheSavings).toBeCloseTo(2.6e-8, 15);
  });

  it('counts negative or non-finite token counts as zero', () => {
    const cost = estimateCost(
      { inputTokens: -5, outputTokens: Number.NaN, cacheReadInputTokens: Number.POSITIVE_INFINITY },
      model('claude-haiku-3'),
    );
    expect(cost.total).toBe(0);
    expect(cost.cacheSavings).toBe(0);
  });

  it('never costs less when any token count grows', () => {
    const count = fc.nat({ max: 50_000_000 });
    const usage = fc.record({
      inputTokens: count,
      outputTokens: count,
      cacheReadInputTokens: count,
      cacheWriteInputTokens: count,
    });
    const field = fc.constantFrom(
      'inputTokens',
      'outputTokens',
      'cacheReadInputTokens',
      'cacheWriteInputTokens',
    ) as fc.Arbitrary<'inputTokens' | 'outputTokens' | 'cacheReadInputTokens' | 'cacheWriteInputTokens'>;
    fc.assert(
      fc.property(
        fc.constantFrom(...REGISTRY),
        usage,
        field,
        fc.nat({ max: 10_000_000 }),
        (entry, base, key, more) => {
          const before = estimateCost(base, entry);
          const after = estimateCost({ ...base, [key]: base[key] + more }, entry);
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.input).toBeGreaterThanOrEqual(before.input);
          expect(after.output).toBeGreaterThanOrEqual(before.output);
          expect(after.cacheRead).toBeGreaterThanOrEqual(before.cacheRead);
          expect(after.cacheWrite).toBeGreaterThanOrEqual(before.cacheWrite);
        },
      ),
      { numRuns: 500 },
    );
  });
});
