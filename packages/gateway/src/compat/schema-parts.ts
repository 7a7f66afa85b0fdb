/**
 * Building blocks for the route JSON schemas. Unions are written as one object schema listing every
 * member's fields plus `if type = X then required […]`, instead of `anyOf` branches: Fastify's Ajv
 * coerces types, and a failing `anyOf` branch may already have coerced the data it then rejects.
 */

/** `then` requires `required` when the object's `field` is `value`. */
export const requiredWhen = (field: string, value: string, required: string[]) => ({
  if: { properties: { [field]: { const: value } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited.
  then: { required },
});

/**
 * A string or an array of `items`, as `anyOf` rather than a union `type` (which Ajv's strict mode
 * warns about at every start). The array branch must come first: Fastify's Ajv coerces types, and a
 * failed string branch leaves a one-item array unwrapped for the next branch, which then passes
 * unvalidated data (`[[…]]`). In this order only scalars coerce (null → "", `["x"]` → "x").
 */
export const stringOrArray = (items: object) => ({
  anyOf: [{ type: 'array', items }, { type: 'string' }],
});

export const nonEmptyString = { type: 'string', minLength: 1 } as const;

export const nullable = (type: string) => ({ type: [type, 'null'] });
