// The tables: one per benchmark part, a row per figure and a column per contender, each cell the
// median with (min–max) and the ratio to the part's reference contender (Strata).

/** A figure's value for `key` over the reference's, when both exist. */
export function ratio(figure, key, reference) {
  const value = figure.values[key];
  const ref = figure.values[reference];
  if (!value || !ref || value.median === undefined || ref.median === undefined || ref.median === 0) return;
  return value.median / ref.median;
}

const number = (x, digits) =>
  Math.abs(x) >= 100 || digits === 0 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);

function cell(figure, key, reference) {
  const value = figure.values[key];
  if (!value) return '–';
  if (value.error !== undefined) return `error: ${value.error.replaceAll('|', '\\|').slice(0, 120)}`;
  const d = figure.digits ?? 2;
  const spread = value.n > 1 ? ` (${number(value.min, d)}–${number(value.max, d)})` : '';
  const r = key === reference ? undefined : ratio(figure, key, reference);
  return `${number(value.median, d)}${spread}${r === undefined ? '' : ` · ${r.toFixed(2)}×`}`;
}

const arrow = (better) => (better === 'higher' ? ' ↑' : better === 'lower' ? ' ↓' : '');

export function partMarkdown(part) {
  const lines = [`## ${part.title}`, '', part.method, ''];
  const { contenders, reference } = part;
  lines.push(
    `| figure | ${contenders.map((c) => c.label).join(' | ')} |`,
    `|---|${contenders.map(() => '--:').join('|')}|`,
  );
  for (const figure of part.figures) {
    const cells = contenders.map((c) => cell(figure, c.key, reference));
    lines.push(`| ${figure.title} (${figure.unit})${arrow(figure.better)} | ${cells.join(' | ')} |`);
  }
  for (const note of part.notes ?? []) lines.push('', note);
  return `${lines.join('\n')}\n\n`;
}

export function fullMarkdown(results) {
  const m = results.machine;
  return [
    '# Strata against its peers',
    '',
    `${results.date} · ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB RAM · Node ${m.node} · ${m.platform} · ${results.mode} mode · load average at start ${m.loadAverage.join(', ')}`,
    '',
    'Each cell: median (min–max) · ratio to the reference column (Strata; for the gateways, the Strata gateway; for the protocols, Strata with its default, HTTP/1.1). ↑ higher is better, ↓ lower is better.',
    '',
    ...results.parts.map(partMarkdown),
  ].join('\n');
}
