import type { EmulatorError } from '../errors/emulator-error.js';
import { serializationError } from './aws-responses.js';
import type { Kind, Member, Schema } from './schema.js';
import { shapeName } from './smithy-json.js';
import { parseTimestamp } from './timestamps.js';

/**
 * Reading a parsed JSON body into an input shape: the deserialization step, where AWS answers
 * `SerializationException` (see aws-responses.ts). Readers are compiled once per shape.
 *
 * The messages follow the wording of Coral's JSON codec as dynalite records it from DynamoDB
 * (github.com/mhart/dynalite, validations/index.js `checkTypes`), e.g. `STRING_VALUE cannot be converted
 * to Integer`, `Start of structure or map found where not expected`, `Unexpected field type`. Bedrock
 * runs on the same framework; its exact text for each case is not recorded anywhere public.
 */
export type Reader = (value: unknown) => unknown;

const JAVA_TYPE: Partial<Record<Kind, string>> = {
  string: 'String',
  enum: 'String',
  boolean: 'Boolean',
  byte: 'Byte',
  short: 'Short',
  integer: 'Integer',
  intEnum: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  bigInteger: 'BigInteger',
  bigDecimal: 'BigDecimal',
};

/** The Java class Coral names in collection errors. */
function javaClass(schema: Schema): string {
  if (schema.kind === 'blob') return 'java.nio.ByteBuffer';
  if (schema.kind === 'timestamp') return 'java.util.Date';
  const type = JAVA_TYPE[schema.kind];
  if (!type) return schema.id.replace('#', '.');
  return type.startsWith('Big') ? `java.math.${type}` : `java.lang.${type}`;
}

/** Jackson's name for the JSON token a value starts with. */
function token(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object') return 'START_OBJECT';
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The error for a value of the wrong JSON type, or undefined when the type is right for `kind`. */
function typeMismatch(schema: Schema, value: unknown): EmulatorError | undefined {
  const { kind } = schema;
  const container = kind === 'structure' || kind === 'union' || kind === 'list' || kind === 'map';
  if (Array.isArray(value)) {
    if (kind === 'list') return undefined;
    if (kind === 'map') return serializationError('Unrecognized collection type java.util.Map');
    return serializationError(`Unrecognized collection type class ${javaClass(schema)}`);
  }
  if (isObject(value)) {
    return kind === 'structure' || kind === 'union' || kind === 'map'
      ? undefined
      : serializationError('Start of structure or map found where not expected');
  }
  if (container) return serializationError('Unexpected field type');
  return undefined;
}

const INT_LIMITS: Partial<Record<Kind, number>> = {
  byte: 2 ** 7,
  short: 2 ** 15,
  integer: 2 ** 31,
  intEnum: 2 ** 31,
};

function scalarReader(schema: Schema): Reader {
  const { kind } = schema;
  const type = JAVA_TYPE[kind] ?? kind;
  const wrong = (value: unknown) =>
    typeMismatch(schema, value) ?? serializationError(`${token(value)} cannot be converted to ${type}`);
  switch (kind) {
    case 'string':
    case 'enum':
      return (value) => {
        if (typeof value !== 'string') throw wrong(value);
        return value;
      };
    case 'boolean':
      return (value) => {
        if (typeof value !== 'boolean') throw wrong(value);
        return value;
      };
    case 'float':
    case 'double':
    case 'bigDecimal':
      return (value) => {
        // restJson1 sends the non-finite floats as these strings.
        if (value === 'NaN') return Number.NaN;
        if (value === 'Infinity') return Number.POSITIVE_INFINITY;
        if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
        if (typeof value !== 'number') throw wrong(value);
        return value;
      };
    default: {
      // byte, short, integer, intEnum, long, bigInteger
      const limit = INT_LIMITS[kind];
      return (value) => {
        if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong(value);
        const fits =
          limit === undefined
            ? kind !== 'long' || Number.isSafeInteger(value)
            : value >= -limit && value < limit;
        if (!fits) throw serializationError(`Numeric value (${value}) out of range of ${type}`);
        return value;
      };
    }
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Blobs in a JSON body stay base64 strings; they must decode (padded, standard alphabet). */
const blobReader =
  (schema: Schema): Reader =>
  (value) => {
    if (typeof value !== 'string') {
      throw (
        typeMismatch(schema, value) ??
        serializationError('only base-64-encoded strings are convertible to bytes')
      );
    }
    if (value.length % 4 !== 0) {
      throw serializationError(
        `Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`,
      );
    }
    // Foreign characters and set bits beyond the data in the last character both make the encoding
    // non-canonical, which Coral rejects with one message (its spelling).
    const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
    const last = ALPHABET.indexOf(value.charAt(value.length - 1 - padding));
    if (!BASE64.test(value) || (padding > 0 && (last & (padding === 2 ? 0b1111 : 0b11)) !== 0)) {
      throw serializationError('Invalid last non-pad Base64 character dectected');
    }
    return value;
  };

function structureReader(members: readonly Member[]): Reader {
  const fields = new Map(members.map((m) => [m.name, readerFor(m)] as const));
  return (value) => {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // Walks the keys sent, usually far fewer than the members modelled; unknown keys are ignored.
    for (const key of Object.keys(source)) {
      const read = fields.get(key);
      const field = source[key];
      // A JSON null for a structure member means the member is not set.
      if (read !== undefined && field !== null) out[key] = read(field);
    }
    return out;
  };
}

function unionReader(schema: Schema): Reader {
  const fields = new Map(schema.members.map((m) => [m.name, readerFor(m)] as const));
  const name = shapeName(schema.id);
  return (value) => {
    const source = value as Record<string, unknown>;
    const set: string[] = [];
    for (const key of Object.keys(source)) {
      // `__type` may name the member for a deserializer's benefit and is ignored (restJson1 spec).
      if (key === '__type' || source[key] === null) continue;
      if (!fields.has(key)) throw serializationError(`Unknown member ${key} set in union ${name}`);
      set.push(key);
    }
    if (set.length !== 1) {
      throw serializationError(
        `Union ${name} must have exactly one member set, found ${set.length === 0 ? 'none' : set.join(', ')}`,
      );
    }
    const key = set[0]!;
    return { [key]: fields.get(key)!(source[key]) };
  };
}

function collectionReader(schema: Schema, element: Member): Reader {
  const read = readerFor(element);
  const what = schema.kind === 'list' ? 'list' : 'map';
  const item = (value: unknown): unknown => {
    if (value !== null) return read(value);
    if (schema.sparse) return null;
    throw serializationError(`Null value found in a ${what} that does not allow nulls`);
  };
  if (schema.kind === 'list') {
    return (value) => (value as unknown[]).map(item);
  }
  return (value) => {
    // The parsed object is ours: values are replaced in place, keys (even `__proto__`) stay own data.
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = item(map[key]);
    return map;
  };
}

const schemaReaders = new Map<Schema, Reader>();

function containerReader(schema: Schema): Reader {
  switch (schema.kind) {
    case 'structure':
      return structureReader(schema.members);
    case 'union':
      return unionReader(schema);
    case 'list':
      return collectionReader(schema, schema.member!);
    default:
      return collectionReader(schema, schema.value!);
  }
}

function schemaReader(schema: Schema): Reader {
  const known = schemaReaders.get(schema);
  if (known) return known;
  const { kind } = schema;
  if (kind === 'structure' || kind === 'union' || kind === 'list' || kind === 'map') {
    const accepts = kind === 'list' ? Array.isArray : isObject;
    let body: Reader | undefined;
    const checked: Reader = (value) => {
      if (!accepts(value)) throw typeMismatch(schema, value)!;
      return body!(value);
    };
    // Registered before the body compiles so recursive shapes reach this reader.
    schemaReaders.set(schema, checked);
    body = containerReader(schema);
    return checked;
  }
  const reader: Reader =
    kind === 'document' ? (value) => value : kind === 'blob' ? blobReader(schema) : scalarReader(schema);
  schemaReaders.set(schema, reader);
  return reader;
}

/** Timestamps depend on the member's format (JSON default: epoch seconds), the rest on the target. */
export function readerFor(member: Member): Reader {
  if (member.schema.kind !== 'timestamp') return schemaReader(member.schema);
  const format = member.timestampFormat ?? 'epoch-seconds';
  const expected = format === 'epoch-seconds' ? 'number' : 'string';
  return (value) => {
    const date = typeof value === expected ? parseTimestamp(String(value), format) : undefined;
    if (!date) throw serializationError(`${token(value)} cannot be converted to Date`);
    return date;
  };
}

/** A reader for the members of input shape `inputId` that travel in the JSON body. */
export function bodyReader(inputId: string, bodyMembers: readonly Member[]): Reader {
  const read = structureReader(bodyMembers);
  return (value) => {
    if (!isObject(value)) {
      throw serializationError(
        Array.isArray(value)
          ? `Unrecognized collection type class ${inputId.replace('#', '.')}`
          : 'Unexpected field type',
      );
    }
    return read(value);
  };
}
