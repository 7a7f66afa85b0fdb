import { ToolError } from './tool.js';

/**
 * The part of JSON Schema tool inputs use. Validation understands these keywords and ignores the
 * rest, so a richer schema still works: it is checked as far as these go.
 */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPE_CHECKS: Record<JsonType, (value: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
};

const ARTICLE: Record<JsonType, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
};

const label = (path: string): string => `\`${path}\``;

function check(schema: JsonSchema, value: unknown, path: string, issues: string[]): void {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => TYPE_CHECKS[type]?.(value))) {
    issues.push(`${label(path)} must be ${types.map((type) => ARTICLE[type] ?? type).join(' or ')}.`);
    return;
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    issues.push(`${label(path)} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}.`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      issues.push(`${label(path)} must be at least ${schema.minimum}.`);
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      issues.push(`${label(path)} must be at most ${schema.maximum}.`);
    }
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      issues.push(`${label(path)} must be at least ${schema.minLength} character(s) long.`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      issues.push(`${label(path)} must be at most ${schema.maxLength} characters long.`);
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      issues.push(`${label(path)} must have at least ${schema.minItems} item(s).`);
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      issues.push(`${label(path)} must have at most ${schema.maxItems} items.`);
    }
    const items = schema.items;
    if (items) for (const [i, item] of value.entries()) check(items, item, `${path}[${i}]`, issues);
  }
  if (isObject(value)) checkObject(schema, value, path, issues);
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, issues: string[]) {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) issues.push(`${label(at(key))} is required.`);
  }
  for (const [key, field] of Object.entries(value)) {
    // Models sometimes send an explicit null for an optional field; treat it as left out.
    if (field === undefined || (field === null && !(schema.required ?? []).includes(key))) continue;
    const property = properties[key];
    if (property) check(property, field, at(key), issues);
    else if (schema.additionalProperties === false) {
      const allowed = Object.keys(properties).join(', ') || 'none';
      issues.push(`${label(at(key))} is not an accepted field (accepted: ${allowed}).`);
    } else if (isObject(schema.additionalProperties)) {
      check(schema.additionalProperties, field, at(key), issues);
    }
  }
}

/**
 * Checks a tool input against its schema and returns it typed, or throws a ToolError naming every
 * wrong or missing field, so the model can correct the call. Optional fields sent as null are dropped.
 */
export function validateInput<T>(toolName: string, schema: JsonSchema, input: unknown): T {
  if (!isObject(input))
    throw new ToolError(`Invalid input for ${toolName}: the input must be a JSON object.`);
  const issues: string[] = [];
  check(schema, input, '', issues);
  if (issues.length > 0) throw new ToolError(`Invalid input for ${toolName}: ${issues.join(' ')}`);
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== null || required.has(key)),
  ) as T;
}
