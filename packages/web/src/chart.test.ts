import { describe, expect, it } from 'vitest';
import { DAY_MODEL, usageUrl } from './api.ts';
import { niceMax, stackByDay, toDayModel } from './chart.ts';
import { formatOf, mediaTypeOf, splitDataUrl } from './images.ts';
import { hrefFor, parseRoute } from './router.ts';

const row = (key: string, costUsd: number, extra: object = {}) => ({
  key,
  requests: 1,
  inputTokens: 1,
  outputTokens: 1,
  costUsd,
  ...extra,
});

describe('usage chart data', () => {
  it('reads day|model keys, day/model fields, and day-only rows', () => {
    expect(
      toDayModel([
        row('2025-01-02|m1', 1),
        row('x', 2, { day: '2025-01-03', model: 'm2' }),
        row('2025-01-04', 3),
      ]),
    ).toEqual([
      { day: '2025-01-02', model: 'm1', costUsd: 1 },
      { day: '2025-01-03', model: 'm2', costUsd: 2 },
      { day: '2025-01-04', model: 'all models', costUsd: 3 },
    ]);
  });

  it('asks the gateway for by=day-model and reads what it answers', () => {
    expect(usageUrl(DAY_MODEL, '2025-01-01')).toBe('/api/usage?by=day-model&since=2025-01-01');
    // The gateway's day-model rows: days oldest first, keyed `YYYY-MM-DD|model` (models may hold `|`).
    const points = toDayModel([row('2025-01-02|m1', 2), row('2025-01-02|a|b', 1), row('2025-01-04|m1', 3)]);
    expect(points).toEqual([
      { day: '2025-01-02', model: 'm1', costUsd: 2 },
      { day: '2025-01-02', model: 'a|b', costUsd: 1 },
      { day: '2025-01-04', model: 'm1', costUsd: 3 },
    ]);
    const chart = stackByDay(points);
    expect(chart.models).toEqual(['m1', 'a|b']);
    expect(chart.bars.map((b) => [b.day, b.total])).toEqual([
      ['2025-01-02', 3],
      ['2025-01-03', 0],
      ['2025-01-04', 3],
    ]);
  });

  it('stacks by model (largest spender first) and fills missing days', () => {
    const chart = stackByDay(
      [
        { day: '2025-01-01', model: 'small', costUsd: 0.1 },
        { day: '2025-01-01', model: 'big', costUsd: 1 },
        { day: '2025-01-03', model: 'big', costUsd: 2 },
      ],
      { to: '2025-01-04' },
    );
    expect(chart.models).toEqual(['big', 'small']);
    expect(chart.bars.map((b) => b.day)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    expect(chart.bars[0]?.segments).toEqual([
      { model: 'big', costUsd: 1, y0: 0, y1: 1 },
      { model: 'small', costUsd: 0.1, y0: 1, y1: 1.1 },
    ]);
    expect(chart.bars[1]?.total).toBe(0);
    expect(chart.max).toBe(2);
  });

  it('limits the number of days and copes with no data', () => {
    const chart = stackByDay([], { from: '2024-01-01', to: '2025-12-31', maxDays: 30 });
    expect(chart.bars.length).toBe(30);
    expect(chart.bars[29]?.day).toBe('2025-12-31');
    expect(stackByDay([]).bars).toEqual([]);
  });

  it('niceMax rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(0.0031)).toBeCloseTo(0.005, 10);
    expect(niceMax(1.7)).toBe(2);
    expect(niceMax(2.2)).toBe(2.5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
  });
});

describe('routes and images', () => {
  it('parses and builds hash routes', () => {
    expect(parseRoute('')).toEqual({ page: 'chat' });
    expect(parseRoute('#/c/abc%2F1')).toEqual({ page: 'chat', id: 'abc/1' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings' });
    expect(parseRoute('#/usage')).toEqual({ page: 'usage' });
    expect(hrefFor({ page: 'chat', id: 'abc/1' })).toBe('#/c/abc%2F1');
  });

  it('splits data URLs and maps formats', () => {
    expect(splitDataUrl('data:image/png;base64,AAAA')).toEqual({ mediaType: 'image/png', data: 'AAAA' });
    expect(splitDataUrl('nope')).toBeUndefined();
    expect(mediaTypeOf('jpg')).toBe('image/jpeg');
    expect(mediaTypeOf('png')).toBe('image/png');
    expect(formatOf('image/webp')).toBe('webp');
  });
});
