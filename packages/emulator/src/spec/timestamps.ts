/** Smithy's timestamp formats (https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait). */

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/i;
const HTTP_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const EPOCH_SECONDS = /^-?\d+(\.\d+)?$/;

/** A timestamp in one of Smithy's three formats, or undefined when the text is not in that format. */
export function parseTimestamp(text: string, format: string): Date | undefined {
  let ms: number;
  if (format === 'epoch-seconds') ms = EPOCH_SECONDS.test(text) ? Number(text) * 1000 : Number.NaN;
  else if (format === 'http-date') ms = HTTP_DATE.test(text) ? Date.parse(text) : Number.NaN;
  else ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
