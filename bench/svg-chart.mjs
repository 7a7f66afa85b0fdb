// The ratios as a chart, written by hand (no chart library): a row per figure, a bar per peer, on a log
// scale centred on Strata (1×). Each bar is oriented so that right of the line means the peer does
// better than Strata on that figure and left means worse, whichever way the figure runs; its label is
// the plain ratio of the table.
import { ratio } from './report.mjs';

const WIDTH = 960;
const LABEL = 360;
const PLOT = 500;
const BAR = 11;
const GAP = 3;
// Enough for every peer of every part (the protocol rows included), so no two share a colour.
const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

const xml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** log2 of how many times better than the reference the peer does; undefined when not comparable. */
function advantage(figure, key, reference) {
  const r = ratio(figure, key, reference);
  if (r === undefined || !(r > 0) || !Number.isFinite(r)) return;
  return figure.better === 'higher' ? Math.log2(r) : -Math.log2(r);
}

export function ratioChart(results) {
  const parts = results.parts.filter((p) => p.reference);
  // One colour per peer across all parts, in order of appearance.
  const peerKeys = [];
  const labels = {};
  for (const part of parts) {
    for (const c of part.contenders) {
      if (c.key === part.reference || c.baseline || peerKeys.includes(c.key)) continue;
      peerKeys.push(c.key);
      labels[c.key] = c.label;
    }
  }
  const colorOf = (key) => COLORS[peerKeys.indexOf(key) % COLORS.length];
  const rows = [];
  for (const part of parts) {
    const peers = part.contenders.filter((c) => c.key !== part.reference && !c.baseline);
    const figures = part.figures.filter((f) => f.better === 'higher' || f.better === 'lower');
    if (figures.length > 0) rows.push({ heading: part.title, peers });
    for (const figure of figures) rows.push({ figure, part, peers });
  }
  const extent = Math.max(
    2,
    ...rows.flatMap((row) =>
      row.figure ? row.peers.map((p) => Math.abs(advantage(row.figure, p.key, row.part.reference) ?? 0)) : [],
    ),
  );
  const limit = Math.min(5, Math.ceil(extent));
  const x = (log) => LABEL + PLOT / 2 + (Math.max(-limit, Math.min(limit, log)) / limit) * (PLOT / 2);
  const out = [];
  let y = 70;
  for (const row of rows) {
    if (row.heading) {
      y += 14;
      out.push(`<text x="8" y="${y}" font-weight="bold">${xml(row.heading)}</text>`);
      y += 8;
      continue;
    }
    const { figure, part, peers } = row;
    const height = peers.length * (BAR + GAP);
    const arrow = figure.better === 'higher' ? '↑' : '↓';
    out.push(
      `<text x="${LABEL - 8}" y="${y + height / 2 + 4}" text-anchor="end">${xml(`${figure.title} ${arrow}`)}</text>`,
    );
    for (const [i, peer] of peers.entries()) {
      const top = y + i * (BAR + GAP);
      if (!figure.values[peer.key]) continue;
      const adv = advantage(figure, peer.key, part.reference);
      const color = colorOf(peer.key);
      if (adv === undefined) {
        out.push(`<text x="${x(0) + 4}" y="${top + BAR - 2}" font-size="10" fill="#888">n/a</text>`);
        continue;
      }
      const [from, to] = [x(0), x(adv)].sort((a, b) => a - b);
      const clipped = Math.abs(adv) > limit ? '…' : '';
      out.push(
        `<rect x="${from.toFixed(1)}" y="${top}" width="${Math.max(1, to - from).toFixed(1)}" height="${BAR}" fill="${color}"><title>${xml(`${peer.label}: ${ratio(figure, peer.key, part.reference).toFixed(2)}× Strata`)}</title></rect>`,
        `<text x="${(adv >= 0 ? to + 3 : from - 3).toFixed(1)}" y="${top + BAR - 2}" font-size="10" text-anchor="${adv >= 0 ? 'start' : 'end'}">${ratio(figure, peer.key, part.reference).toFixed(2)}×${clipped}</text>`,
      );
    }
    y += height + 6;
  }
  const axisTop = 58;
  const ticks = [];
  for (let t = -limit; t <= limit; t++) {
    const label = t >= 0 ? `${2 ** t}×` : `1/${2 ** -t}`;
    ticks.push(
      `<line x1="${x(t)}" y1="${axisTop}" x2="${x(t)}" y2="${y}" stroke="${t === 0 ? '#000' : '#ddd'}"/>`,
      `<text x="${x(t)}" y="${axisTop - 4}" text-anchor="middle" font-size="10">${label}</text>`,
    );
  }
  const legend = peerKeys.map((key, i) => {
    const left = 8 + (i % 4) * 230;
    const top = y + 10 + Math.floor(i / 4) * 18;
    return `<rect x="${left}" y="${top}" width="10" height="10" fill="${colorOf(key)}"/><text x="${left + 14}" y="${top + 9}" font-size="11">${xml(labels[key])}</text>`;
  });
  const height = y + 20 + Math.ceil(peerKeys.length / 4) * 18;
  const m = results.machine;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="20" font-size="15" font-weight="bold">Each peer against Strata: right of the line does better than Strata, left worse (log scale)</text>
<text x="8" y="38" font-size="11">${xml(`${results.date.slice(0, 10)} · ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB · Node ${m.node} · ${results.mode} mode · bar labels: peer ÷ Strata, as in the tables`)}</text>
${ticks.join('\n')}
${out.join('\n')}
${legend.join('\n')}
</svg>
`;
}
