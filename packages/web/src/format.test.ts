import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, formatTokens, isoDay, prettyJson } from './format.ts';

describe('formatCost', () => {
  it('formats dollars by size', () => {
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(0.00001)).toBe('<$0.0001');
    expect(formatCost(0.0012345)).toBe('$0.0012');
    expect(formatCost(0.5)).toBe('$0.50');
    expect(formatCost(0.125)).toBe('$0.125');
    expect(formatCost(0.0105)).toBe('$0.0105');
    expect(formatCost(0.25)).toBe('$0.25');
    expect(formatCost(1)).toBe('$1.00');
    expect(formatCost(1234.567)).toBe('$1,234.57');
  });

  it('shows a dash when there is no cost and handles negatives', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(undefined)).toBe('—');
    expect(formatCost(Number.NaN)).toBe('—');
    expect(formatCost(-2)).toBe('-$2.00');
  });
});

describe('formatTokens', () => {
  it('uses separators, then k and M', () => {
    expect(formatTokens(0)).toBe('0');
    expect(formatTokens(1234)).toBe('1,234');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(200_000)).toBe('200k');
    expect(formatTokens(1_000_000)).toBe('1M');
    expect(formatTokens(2_450_000)).toBe('2.5M');
    expect(formatTokens(null)).toBe('—');
  });
});

describe('others', () => {
  it('formatDuration', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(undefined)).toBe('');
  });

  it('isoDay counts back in UTC days', () => {
    const now = new Date('2025-03-01T05:00:00Z');
    expect(isoDay(0, now)).toBe('2025-03-01');
    expect(isoDay(1, now)).toBe('2025-02-28');
    expect(isoDay(29, now)).toBe('2025-01-31');
  });

  it('prettyJson indents and cuts long values', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson('plain')).toBe('plain');
    expect(prettyJson('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}\n… (20 more characters)`);
  });
});
