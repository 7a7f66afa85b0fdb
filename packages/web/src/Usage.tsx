import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, DAY_MODEL, download, getApiKey, usageUrl } from './api.ts';
import { type StackedChart, stackByDay, toDayModel } from './chart.ts';
import { formatCost, formatTokens, isoDay } from './format.ts';
import type { Conversation, UsageRow } from './types.ts';

interface Props {
  conversations: Conversation[];
  keyVersion: number;
}

const COLORS = ['#4f6bed', '#e8744f', '#2fa37a', '#c04fb8', '#d6a52b', '#3aa0c8', '#8a63d2', '#7a8793'];

function colorOf(index: number): string {
  return COLORS[index % COLORS.length] ?? '#888';
}

interface Data {
  dayModel: UsageRow[];
  byModel: UsageRow[];
  byConversation: UsageRow[];
}

/** Spend over time: a chart of cost by day stacked by model, then totals by model and conversation. */
export function Usage({ conversations, keyVersion }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [since, setSince] = useState(() => isoDay(29));
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    const dayModel = api.usage(DAY_MODEL, since).catch((err: unknown) => {
      // A gateway that groups by one dimension only: fall back to one series per day.
      if (
        err instanceof ApiError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 401 &&
        err.status !== 403
      ) {
        return api.usage('day', since);
      }
      throw err;
    });
    Promise.all([dayModel, api.usage('model', since), api.usage('conversation', since)]).then(
      ([dm, bm, bc]) => {
        if (!cancelled) setData({ dayModel: dm, byModel: bm, byConversation: bc });
      },
      (err: Error) => {
        if (!cancelled) setError(err.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [since, keyVersion]);

  const chart = useMemo(
    () => (data ? stackByDay(toDayModel(data.dayModel), { from: since, to: isoDay(0) }) : null),
    [data, since],
  );
  const titles = useMemo(() => new Map(conversations.map((c) => [c.id, c.title])), [conversations]);
  const total = data?.byModel.reduce((s, r) => s + r.costUsd, 0) ?? 0;

  return (
    <section class="page usage" aria-labelledby="usage-title">
      <h1 id="usage-title" ref={heading} tabIndex={-1}>
        Usage
      </h1>
      <div class="usage-controls">
        <label for="usage-since">Since</label>
        <input
          id="usage-since"
          type="date"
          value={since}
          max={isoDay(0)}
          onChange={(e) => e.currentTarget.value && setSince(e.currentTarget.value)}
        />
        <p class="usage-total">
          Total <strong data-testid="usage-total">{formatCost(total)}</strong>
        </p>
      </div>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p class="muted">Loading…</p>}
      {chart && (
        <>
          <h2>Cost by day</h2>
          <CostChart chart={chart} />
          <CsvLink by="day" since={since} />
        </>
      )}
      {data && (
        <>
          <UsageTable
            title="By model"
            by="model"
            since={since}
            rows={data.byModel}
            label={(r) => r.key}
            color={(r) => (chart ? colorOf(chart.models.indexOf(r.key)) : undefined)}
          />
          <UsageTable
            title="By conversation"
            by="conversation"
            since={since}
            rows={data.byConversation}
            label={(r) => titles.get(r.key) ?? r.key}
            href={(r) => (titles.has(r.key) ? `#/c/${encodeURIComponent(r.key)}` : undefined)}
          />
        </>
      )}
    </section>
  );
}

function CsvLink({ by, since }: { by: string; since: string }) {
  const url = usageUrl(by, since, 'csv');
  const filename = `strata-usage-by-${by}-since-${since}.csv`;
  return (
    <a
      class="csv-link"
      href={url}
      download={filename}
      data-testid={`usage-csv-${by}`}
      onClick={(e) => {
        // A link cannot send the API key; fetch with it instead.
        if (!getApiKey()) return;
        e.preventDefault();
        download(url, filename).catch((err: Error) => alert(`Download failed: ${err.message}`));
      }}
    >
      Download CSV (by {by})
    </a>
  );
}

interface TableProps {
  title: string;
  by: string;
  since: string;
  rows: UsageRow[];
  label(row: UsageRow): string;
  href?: (row: UsageRow) => string | undefined;
  color?: (row: UsageRow) => string | undefined;
}

function UsageTable({ title, by, since, rows, label, href, color }: TableProps) {
  const sorted = [...rows].sort((a, b) => b.costUsd - a.costUsd);
  return (
    <>
      <h2>{title}</h2>
      {sorted.length === 0 ? (
        <p class="muted">No usage in this period.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{by === 'model' ? 'Model' : 'Conversation'}</th>
                <th scope="col" class="num">
                  Requests
                </th>
                <th scope="col" class="num">
                  Input tokens
                </th>
                <th scope="col" class="num">
                  Output tokens
                </th>
                <th scope="col" class="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => {
                const link = href?.(r);
                const swatch = color?.(r);
                return (
                  <tr key={r.key}>
                    <th scope="row">
                      {swatch && <span class="swatch" style={{ background: swatch }} aria-hidden="true" />}
                      {link ? <a href={link}>{label(r)}</a> : label(r)}
                    </th>
                    <td class="num">{r.requests.toLocaleString('en-US')}</td>
                    <td class="num">{formatTokens(r.inputTokens)}</td>
                    <td class="num">{formatTokens(r.outputTokens)}</td>
                    <td class="num">{formatCost(r.costUsd)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <CsvLink by={by} since={since} />
    </>
  );
}

const H = 260;
const M = { top: 12, right: 8, bottom: 28, left: 64 };

/** The width of an element, followed as it resizes (so chart text keeps its size on narrow screens). */
function useWidth(fallback: number): [{ current: HTMLElement | null }, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.max(280, Math.round(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** A hand-written SVG bar chart: one bar per day, stacked by model, with a legend and a table. */
function CostChart({ chart }: { chart: StackedChart }) {
  const [ref, W] = useWidth(720);
  const n = chart.bars.length;
  if (n === 0 || chart.models.length === 0) {
    return (
      <figure class="chart" ref={ref}>
        <p class="muted">No spend in this period.</p>
      </figure>
    );
  }
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const step = plotW / n;
  const barW = Math.max(1, Math.min(40, step * 0.72));
  const y = (v: number) => M.top + plotH - (v / chart.max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * chart.max);
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 52))));
  const total = chart.bars.reduce((s, b) => s + b.total, 0);
  const first = chart.bars[0]?.day ?? '';
  const last = chart.bars[n - 1]?.day ?? '';

  return (
    <figure class="chart" data-testid="usage-chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">Cost by day, stacked by model</title>
        <desc id="chart-desc">
          {`${formatCost(total)} from ${first} to ${last} across ${chart.models.length} model${chart.models.length === 1 ? '' : 's'}.`}
        </desc>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" text-anchor="end">
              {formatCost(t)}
            </text>
          </g>
        ))}
        {chart.bars.map((bar, i) => {
          const x = M.left + i * step + (step - barW) / 2;
          return (
            <g key={bar.day}>
              {bar.segments.map((s) => (
                <rect
                  key={s.model}
                  x={x}
                  y={y(s.y1)}
                  width={barW}
                  height={Math.max(0, y(s.y0) - y(s.y1))}
                  fill={colorOf(chart.models.indexOf(s.model))}
                >
                  <title>{`${bar.day} · ${s.model}: ${formatCost(s.costUsd)}`}</title>
                </rect>
              ))}
              {i % labelEvery === 0 && (
                <text class="day" x={M.left + i * step + step / 2} y={H - M.bottom + 16} text-anchor="middle">
                  {bar.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {chart.models.map((m, i) => (
            <li key={m}>
              <span class="swatch" style={{ background: colorOf(i) }} aria-hidden="true" />
              {m}
            </li>
          ))}
        </ul>
        <details>
          <summary>Show as a table</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  {chart.models.map((m) => (
                    <th key={m} scope="col" class="num">
                      {m}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {chart.bars
                  .filter((b) => b.total > 0)
                  .map((b) => (
                    <tr key={b.day}>
                      <th scope="row">{b.day}</th>
                      {chart.models.map((m) => (
                        <td key={m} class="num">
                          {formatCost(b.segments.find((s) => s.model === m)?.costUsd ?? 0)}
                        </td>
                      ))}
                      <td class="num">{formatCost(b.total)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
