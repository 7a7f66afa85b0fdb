/** Small pure formatting helpers. */

/**
 * US dollars for people: `$0.00` for nothing, `<$0.0001` for dust, up to four decimals under a
 * dollar (model calls often cost fractions of a cent; `$0.50`, `$0.125`, `$0.0042`), two with
 * thousands separators above.
 */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd < 0) return `-${formatCost(-usd)}`;
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 1)
    return `$${usd
      .toFixed(4)
      .replace(/(\.\d\d\d?)0+$/, '$1')
      .replace(/(\.\d\d)0$/, '$1')}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Token counts: `1,234` up to ten thousand, then `12.3k`, `4.5M`. */
export function formatTokens(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (Math.abs(n) < 10_000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

function trim(v: number): string {
  return (v >= 100 ? v.toFixed(0) : v.toFixed(1)).replace(/\.0$/, '');
}

/** A duration in ms as `850 ms` or `2.4 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** `YYYY-MM-DD` (UTC) of `days` days before `now`. */
export function isoDay(daysBefore = 0, now: Date = new Date()): string {
  const d = new Date(now.getTime() - daysBefore * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A short local date and time for lists. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** Pretty JSON for tool inputs and outputs, cut to keep the page light. */
export function prettyJson(value: unknown, max = 20_000): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
}
