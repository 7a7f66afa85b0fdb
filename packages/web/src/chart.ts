import type { UsageRow } from './types.ts';

/** One day's spend on one model. */
export interface DayModelCost {
  day: string;
  model: string;
  costUsd: number;
}

/**
 * Reads `by=day-model` usage rows: either rows with `day` and `model` fields, or keys such as
 * `2025-01-31|model-id`. Rows grouped by day alone become one series named `all models`.
 */
export function toDayModel(rows: readonly UsageRow[]): DayModelCost[] {
  return rows.map((r) => {
    if (r.day && r.model) return { day: r.day, model: r.model, costUsd: r.costUsd };
    const bar = r.key.indexOf('|');
    if (bar > 0) return { day: r.key.slice(0, bar), model: r.key.slice(bar + 1), costUsd: r.costUsd };
    return { day: r.key.slice(0, 10), model: 'all models', costUsd: r.costUsd };
  });
}

export interface Segment {
  model: string;
  costUsd: number;
  /** Where the segment starts and ends on the cost axis. */
  y0: number;
  y1: number;
}

export interface Bar {
  day: string;
  total: number;
  segments: Segment[];
}

export interface StackedChart {
  /** Models by total spend, largest first (the stacking and legend order). */
  models: string[];
  bars: Bar[];
  /** The top of the axis: a round number at or above the largest day. */
  max: number;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A round axis top (1, 2, 2.5, 5 × 10ⁿ) at or above `v`. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * exp >= v - 1e-12) return step * exp;
  return 10 * exp;
}

/**
 * Bars by day, each stacked by model. Days without spend between the first and last day (or
 * `from`..`to` when given) are filled in, at most `maxDays` of them, so gaps read as gaps.
 */
export function stackByDay(
  points: readonly DayModelCost[],
  opts: { from?: string; to?: string; maxDays?: number } = {},
): StackedChart {
  const byModel = new Map<string, number>();
  const byDay = new Map<string, Map<string, number>>();
  for (const p of points) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.day)) continue;
    byModel.set(p.model, (byModel.get(p.model) ?? 0) + p.costUsd);
    const day = byDay.get(p.day) ?? new Map<string, number>();
    day.set(p.model, (day.get(p.model) ?? 0) + p.costUsd);
    byDay.set(p.day, day);
  }
  const models = [...byModel.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([m]) => m);
  const seen = [...byDay.keys()].sort();
  const from = opts.from ?? seen[0];
  const to = opts.to ?? seen[seen.length - 1];
  const maxDays = opts.maxDays ?? 366;
  const days: string[] = [];
  if (from && to && from <= to) {
    const earliest = addDays(to, -(maxDays - 1));
    const start = [from, earliest].sort()[1] ?? from;
    for (let d = start; d <= to; d = addDays(d, 1)) days.push(d);
  }
  for (const d of seen) if (!days.includes(d)) days.push(d);
  days.sort();
  if (days.length > maxDays) days.splice(0, days.length - maxDays);
  let top = 0;
  const bars = days.map((day): Bar => {
    const costs = byDay.get(day);
    let y = 0;
    const segments: Segment[] = [];
    for (const model of models) {
      const c = costs?.get(model) ?? 0;
      if (c <= 0) continue;
      segments.push({ model, costUsd: c, y0: y, y1: y + c });
      y += c;
    }
    top = Math.max(top, y);
    return { day, total: y, segments };
  });
  return { models, bars, max: niceMax(top) };
}
