import { serializationError } from './aws-responses.js';
import { readerFor } from './read-json.js';
import type { HttpLocation, Member } from './schema.js';
import { parseTimestamp } from './timestamps.js';

/** Values bound to labels, headers and query parameters, converted from text per their shape. */

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Restates header/query/label text as the JSON value the body reader expects for the same shape. */
function asJson(member: Member, text: string): unknown {
  switch (member.schema.kind) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'byte':
    case 'short':
    case 'integer':
    case 'intEnum':
    case 'long':
    case 'bigInteger':
      return INTEGER.test(text) ? Number(text) : text;
    case 'float':
    case 'double':
    case 'bigDecimal':
      return DECIMAL.test(text) ? Number(text) : text;
    default:
      return text;
  }
}

function scalar(member: Member, text: string, location: HttpLocation): unknown {
  if (member.schema.kind !== 'timestamp') return readerFor(member)(asJson(member, text));
  // Headers default to http-date, labels and query parameters to date-time.
  const format = member.timestampFormat ?? (location === 'header' ? 'http-date' : 'date-time');
  const date = parseTimestamp(text, format);
  if (!date) throw serializationError(`Unable to parse ${text} as a ${format} timestamp`);
  return date;
}

/**
 * The typed value of a label, header or query member; `texts` holds every occurrence (repeated query
 * keys, or a header's comma-separated items), of which a scalar member takes the first.
 */
export function httpValue(member: Member, texts: readonly string[], location: HttpLocation): unknown {
  const element = member.schema.member;
  if (element) return texts.map((text) => scalar(element, text, location));
  return scalar(member, texts[0]!, location);
}
