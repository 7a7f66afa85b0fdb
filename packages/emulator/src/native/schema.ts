/**
 * A small JSON-Schema-style validator for native InvokeModel bodies. Bedrock checks those bodies with
 * the everit JSON-schema validator before the model sees them, and its `Malformed input request: …`
 * messages quote everit's wording, so the violations here use that wording exactly:
 * `#/messages/0/content: expected type: JSONArray, found: String`, `#: required key [max_tokens] not
 * found`, `#: extraneous key [foo] is not permitted`, `#/thinking/type: adaptive is not a valid enum value`.
 */
import { malformedInput } from '../errors/emulator-error.js';

export type Schema =
  | StringSchema
  | NumberSchema
  | { type: 'boolean' }
  | ArraySchema
  | ObjectSchema
  | { type: 'any' }
  | UnionSchema
  | TaggedSchema;

export interface StringSchema {
  type: 'string';
  enum?: readonly string[];
  /** A regular expression source, reported verbatim as everit does. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export interface NumberSchema {
  type: 'integer' | 'number';
  minimum?: number;
  maximum?: number;
}

export interface ArraySchema {
  type: 'array';
  items?: Schema;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectSchema {
  type: 'object';
  properties?: Readonly<Record<string, Schema>>;
  required?: readonly string[];
  /** Whether keys not in `properties` are allowed (free-form objects such as a tool's input). */
  open?: boolean;
}

/** A value that may be one of several JSON types, e.g. Anthropic's `system`: a string or text blocks. */
export interface UnionSchema {
  type: 'union';
  options: readonly Schema[];
}

/** Objects told apart by a string key, e.g. the `type` of an Anthropic content block. */
export interface TaggedSchema {
  type: 'tagged';
  tag: string;
  cases: Readonly<Record<string, ObjectSchema>>;
}

export interface Violation {
  /** JSON pointer of the offending value, everit style: `#`, `#/messages/0/content`. */
  pointer: string;
  message: string;
}

export const str: StringSchema = { type: 'string' };
export const bool: Schema = { type: 'boolean' };
export const int: NumberSchema = { type: 'integer' };
export const num: NumberSchema = { type: 'number' };
export const anyValue: Schema = { type: 'any' };
export const freeObject: ObjectSchema = { type: 'object', open: true };
export const unit: NumberSchema = { type: 'number', minimum: 0, maximum: 1 };
export const enumOf = (...values: string[]): StringSchema => ({ type: 'string', enum: values });
export const arrayOf = (items: Schema, bounds: Omit<ArraySchema, 'type' | 'items'> = {}): ArraySchema => ({
  type: 'array',
  items,
  ...bounds,
});
export const objectOf = (properties: Record<string, Schema>, required: string[] = []): ObjectSchema => ({
  type: 'object',
  properties,
  required,
});

const EXPECTED: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  array: 'JSONArray',
  object: 'JSONObject',
  tagged: 'JSONObject',
};

const INT_MAX = 2 ** 31 - 1;

/** The Java class name everit reports for a parsed JSON value (org.json's parsing rules). */
export function foundType(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'BigDecimal';
    return Math.abs(value) <= INT_MAX ? 'Integer' : 'Long';
  }
  return 'JSONObject';
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesType(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'tagged':
      return isObject(value);
    case 'any':
      return true;
    case 'union':
      return schema.options.some((option) => matchesType(option, value));
  }
}

const child = (pointer: string, key: string | number): string =>
  `${pointer}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

/** Every violation of `schema` by `value`, in the order everit reports them. */
export function validate(schema: Schema, value: unknown, pointer = '#'): Violation[] {
  if (schema.type === 'union') {
    const option = schema.options.find((candidate) => matchesType(candidate, value));
    return option ? validate(option, value, pointer) : validate(schema.options[0]!, value, pointer);
  }
  if (!matchesType(schema, value)) {
    return [{ pointer, message: `expected type: ${EXPECTED[schema.type]}, found: ${foundType(value)}` }];
  }
  switch (schema.type) {
    case 'string':
      return validateString(schema, value as string, pointer);
    case 'integer':
    case 'number':
      return validateNumber(schema, value as number, pointer);
    case 'array':
      return validateArray(schema, value as unknown[], pointer);
    case 'object':
      return validateObject(schema, value as Record<string, unknown>, pointer);
    case 'tagged':
      return validateTagged(schema, value as Record<string, unknown>, pointer);
    default:
      return [];
  }
}

function validateString(schema: StringSchema, value: string, pointer: string): Violation[] {
  const out: Violation[] = [];
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    out.push({ pointer, message: `expected minLength: ${schema.minLength}, actual: ${value.length}` });
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    out.push({ pointer, message: `expected maxLength: ${schema.maxLength}, actual: ${value.length}` });
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    out.push({ pointer, message: `string [${value}] does not match pattern ${schema.pattern}` });
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ pointer, message: `${value} is not a valid enum value` });
  }
  return out;
}

function validateNumber(schema: NumberSchema, value: number, pointer: string): Violation[] {
  if (schema.minimum !== undefined && value < schema.minimum) {
    return [{ pointer, message: `${value} is not greater or equal to ${schema.minimum}` }];
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    return [{ pointer, message: `${value} is not less or equal to ${schema.maximum}` }];
  }
  return [];
}

function validateArray(schema: ArraySchema, value: unknown[], pointer: string): Violation[] {
  const out: Violation[] = [];
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    out.push({ pointer, message: `expected minimum item count: ${schema.minItems}, found: ${value.length}` });
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    out.push({ pointer, message: `expected maximum item count: ${schema.maxItems}, found: ${value.length}` });
  }
  if (schema.items) {
    const items = schema.items;
    value.forEach((item, index) => {
      out.push(...validate(items, item, child(pointer, index)));
    });
  }
  return out;
}

function validateObject(schema: ObjectSchema, value: Record<string, unknown>, pointer: string): Violation[] {
  const out: Violation[] = [];
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (!(key in value)) out.push({ pointer, message: `required key [${key}] not found` });
  }
  if (!schema.open) {
    for (const key of Object.keys(value)) {
      if (!(key in properties)) out.push({ pointer, message: `extraneous key [${key}] is not permitted` });
    }
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (key in value) out.push(...validate(propertySchema, value[key], child(pointer, key)));
  }
  return out;
}

function validateTagged(schema: TaggedSchema, value: Record<string, unknown>, pointer: string): Violation[] {
  const tag = value[schema.tag];
  if (tag === undefined) return [{ pointer, message: `required key [${schema.tag}] not found` }];
  const tagPointer = child(pointer, schema.tag);
  if (typeof tag !== 'string') {
    return [{ pointer: tagPointer, message: `expected type: String, found: ${foundType(tag)}` }];
  }
  const variant = schema.cases[tag];
  if (!variant) return [{ pointer: tagPointer, message: `${tag} is not a valid enum value` }];
  return validate(variant, value, pointer);
}

const describe = (violation: Violation): string => `${violation.pointer}: ${violation.message}`;

/**
 * Most families' wording: one violation is quoted, several are only counted — Bedrock answers
 * `Malformed input request: 2 schema violations found, …` without naming them.
 */
export function countedDetail(violations: readonly Violation[]): string {
  return violations.length === 1 ? describe(violations[0]!) : `${violations.length} schema violations found`;
}

/** Anthropic's wording: every violation quoted, run together with no separator. */
export function joinedDetail(violations: readonly Violation[]): string {
  return violations.map(describe).join('');
}

/** Throws Bedrock's `Malformed input request` error when `value` breaks `schema`. */
export function assertValid(
  schema: Schema,
  value: unknown,
  detail: (violations: readonly Violation[]) => string = countedDetail,
): void {
  const violations = validate(schema, value);
  if (violations.length > 0) throw malformedInput(detail(violations));
}
