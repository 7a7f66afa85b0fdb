import { serializationError } from './aws-responses.js';
import { httpValue } from './http-values.js';
import type { Operation } from './load-models.js';
import { bodyReader, type Reader, readerFor } from './read-json.js';
import { type HttpLocation, type Member, schemaOf } from './schema.js';

export interface RawHttpInput {
  /** Percent-decoded path labels, as `matchOperation` returns them. */
  labels: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased names, as node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** How an operation's input is spread over the request, worked out once per input shape. */
interface BindingPlan {
  readonly labels: readonly Member[];
  readonly headers: readonly Member[];
  readonly query: readonly Member[];
  readonly payload?: { readonly member: Member; readonly read?: Reader };
  /** Reads the members carried in the JSON body; absent when none are. */
  readonly body?: Reader;
}

const plans = new Map<string, BindingPlan>();

function payloadPlan(member: Member): BindingPlan['payload'] {
  const { kind, streaming } = member.schema;
  // Blobs, strings and event streams are the raw body; a structure, union or document is JSON.
  const raw = kind === 'blob' || kind === 'string' || streaming;
  return raw ? { member } : { member, read: readerFor(member) };
}

function planFor(inputId: string): BindingPlan {
  const known = plans.get(inputId);
  if (known) return known;
  const members = schemaOf(inputId).members;
  const at = (location: HttpLocation) => members.filter((m) => m.http?.location === location);
  const payload = at('payload')[0];
  const bodyMembers = members.filter((m) => !m.http);
  const plan: BindingPlan = {
    labels: at('label'),
    headers: at('header'),
    query: at('query'),
    ...(payload ? { payload: payloadPlan(payload) } : {}),
    ...(bodyMembers.length > 0 ? { body: bodyReader(inputId, bodyMembers) } : {}),
  };
  plans.set(inputId, plan);
  return plan;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    // AWS's message for unparseable JSON is not on record; this says what went wrong.
    throw serializationError('The request body is not valid JSON');
  }
}

function headerTexts(member: Member, value: string | string[]): string[] {
  const joined = Array.isArray(value) ? value.join(',') : value;
  // List-valued headers carry their items comma-separated (RFC 9110 §5.3).
  return member.schema.member ? joined.split(',').map((item) => item.trim()) : [joined];
}

/**
 * Builds an operation's input object from the request, as AWS deserializes restJson1: labels,
 * headers, query parameters, the payload member and the JSON body. A blob payload (InvokeModel's
 * `body`) is the raw Buffer; blobs inside the JSON body stay base64 strings (checked to decode);
 * timestamps become Dates. Anything that cannot be read into the input shape throws a 400
 * `SerializationException` EmulatorError; model constraints are left to `validateInput`.
 */
export function bindInput(op: Operation, raw: RawHttpInput): Record<string, unknown> {
  if (!op.input) return {};
  const plan = planFor(op.input);
  const input: Record<string, unknown> = {};
  if (plan.body) {
    // An empty body is an empty object: every body member is then unset.
    Object.assign(input, plan.body(raw.body.length === 0 ? {} : parseJson(raw.body)));
  }
  for (const member of plan.labels) {
    const text = raw.labels[member.name];
    if (text !== undefined) input[member.name] = httpValue(member, [text], 'label');
  }
  for (const member of plan.headers) {
    const value = raw.headers[member.http!.name];
    if (value !== undefined) input[member.name] = httpValue(member, headerTexts(member, value), 'header');
  }
  for (const member of plan.query) {
    const texts = raw.query.getAll(member.http!.name);
    if (texts.length > 0) input[member.name] = httpValue(member, texts, 'query');
  }
  const { payload } = plan;
  if (payload && raw.body.length > 0) {
    const { member, read } = payload;
    if (read) input[member.name] = read(parseJson(raw.body));
    else input[member.name] = member.schema.kind === 'string' ? raw.body.toString('utf8') : raw.body;
  }
  return input;
}
