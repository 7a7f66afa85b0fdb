import { describe, expect, it } from 'vitest';
import { type JsonSchema, validateInput } from './input-schema.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    count: { type: 'integer', minimum: 1, maximum: 10 },
    mode: { type: 'string', enum: ['a', 'b'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    nested: { type: 'object', properties: { flag: { type: 'boolean' } }, additionalProperties: false },
    either: { type: ['string', 'null'] },
  },
  required: ['name'],
  additionalProperties: false,
};

const issues = (input: unknown) => {
  try {
    validateInput('T', schema, input);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('validateInput', () => {
  it('returns valid input, dropping optional fields sent as null', () => {
    expect(validateInput('T', schema, { name: 'x', count: null, tags: ['a'] })).toEqual({
      name: 'x',
      tags: ['a'],
    });
  });

  it('names every wrong or missing field', () => {
    expect(issues({})).toBe('Invalid input for T: `name` is required.');
    expect(
      issues({ name: '', count: 1.5, mode: 'c', tags: ['a', 2, 'c'], nested: { flag: 1, extra: 0 } }),
    ).toBe(
      'Invalid input for T: `name` must be at least 1 character(s) long. `count` must be an integer. ' +
        '`mode` must be one of "a", "b". `tags` must have at most 2 items. `tags[1]` must be a string. ' +
        '`nested.flag` must be true or false. `nested.extra` is not an accepted field (accepted: flag).',
    );
    expect(issues({ name: 'toolong', count: 11, either: 3 })).toBe(
      'Invalid input for T: `name` must be at most 5 characters long. `count` must be at most 10. `either` must be a string or null.',
    );
  });

  it('requires an object', () => {
    expect(issues(null)).toBe('Invalid input for T: the input must be a JSON object.');
    expect(issues([1])).toBe('Invalid input for T: the input must be a JSON object.');
  });
});
