import { describe, expect, it } from 'vitest';
import {
  arrayOf,
  assertValid,
  countedDetail,
  enumOf,
  foundType,
  int,
  joinedDetail,
  objectOf,
  type Schema,
  str,
  type TaggedSchema,
  unit,
  validate,
} from './schema.js';
import { errorOf, malformed } from './test-support/native-fixtures.js';

const body: Schema = objectOf(
  {
    name: str,
    count: { ...int, minimum: 1, maximum: 10 },
    ratio: unit,
    tags: arrayOf(str, { minItems: 1, maxItems: 2 }),
    mode: enumOf('fast', 'slow'),
    code: { type: 'string', pattern: '^(\\|+|User:)$', maxLength: 5 },
    nested: objectOf({ flag: { type: 'boolean' } }, ['flag']),
  },
  ['name'],
);

describe('validate', () => {
  it('accepts a conforming value', () => {
    expect(
      validate(body, {
        name: 'a',
        count: 3,
        ratio: 0.5,
        tags: ['x'],
        mode: 'fast',
        code: '||',
        nested: { flag: true },
      }),
    ).toEqual([]);
  });

  it('reports required keys, then extraneous keys, then property violations, with everit wording', () => {
    expect(validate(body, { extra: 1, count: 0, nested: {} })).toEqual([
      { pointer: '#', message: 'required key [name] not found' },
      { pointer: '#', message: 'extraneous key [extra] is not permitted' },
      { pointer: '#/count', message: '0 is not greater or equal to 1' },
      { pointer: '#/nested', message: 'required key [flag] not found' },
    ]);
  });

  it('names the Java types everit reports', () => {
    expect(validate(body, { name: 5 })).toEqual([
      { pointer: '#/name', message: 'expected type: String, found: Integer' },
    ]);
    expect(validate(body, { name: 'a', count: 1.5 })).toEqual([
      { pointer: '#/count', message: 'expected type: Integer, found: BigDecimal' },
    ]);
    expect(validate(body, { name: 'a', tags: 'x' })).toEqual([
      { pointer: '#/tags', message: 'expected type: JSONArray, found: String' },
    ]);
    expect(validate(body, { name: 'a', nested: null })).toEqual([
      { pointer: '#/nested', message: 'expected type: JSONObject, found: Null' },
    ]);
    expect(foundType(2 ** 40)).toBe('Long');
    expect(foundType(true)).toBe('Boolean');
    expect(foundType({})).toBe('JSONObject');
  });

  it('checks bounds, item counts, enums, lengths and patterns', () => {
    expect(
      validate(body, { name: 'a', count: 11, ratio: 1.5, tags: [], mode: 'warp', code: 'Observation' }).map(
        (v) => `${v.pointer}: ${v.message}`,
      ),
    ).toEqual([
      '#/count: 11 is not less or equal to 10',
      '#/ratio: 1.5 is not less or equal to 1',
      '#/tags: expected minimum item count: 1, found: 0',
      '#/mode: warp is not a valid enum value',
      '#/code: expected maxLength: 5, actual: 11',
      '#/code: string [Observation] does not match pattern ^(\\|+|User:)$',
    ]);
    expect(validate(body, { name: 'a', tags: ['x', 'y', 'z'] })).toEqual([
      { pointer: '#/tags', message: 'expected maximum item count: 2, found: 3' },
    ]);
  });

  it('points into arrays and escapes keys as JSON pointers', () => {
    const schema = objectOf({ 'a/b': arrayOf(str) });
    expect(validate(schema, { 'a/b': ['ok', 3] })).toEqual([
      { pointer: '#/a~1b/1', message: 'expected type: String, found: Integer' },
    ]);
  });

  it('picks the union member matching the JSON type, else reports the first', () => {
    const schema: Schema = { type: 'union', options: [str, arrayOf(str)] };
    expect(validate(schema, 'x')).toEqual([]);
    expect(validate(schema, ['x', 1])).toEqual([
      { pointer: '#/1', message: 'expected type: String, found: Integer' },
    ]);
    expect(validate(schema, 7)).toEqual([{ pointer: '#', message: 'expected type: String, found: Integer' }]);
  });

  it('tells tagged objects apart by their tag', () => {
    const schema: TaggedSchema = {
      type: 'tagged',
      tag: 'type',
      cases: { text: objectOf({ type: str, text: str }, ['text']) },
    };
    expect(validate(schema, { type: 'text', text: 'hi' })).toEqual([]);
    expect(validate(schema, { text: 'hi' })).toEqual([
      { pointer: '#', message: 'required key [type] not found' },
    ]);
    expect(validate(schema, { type: 'video' })).toEqual([
      { pointer: '#/type', message: 'video is not a valid enum value' },
    ]);
    expect(validate(schema, { type: 1 })).toEqual([
      { pointer: '#/type', message: 'expected type: String, found: Integer' },
    ]);
    expect(validate(schema, { type: 'text', text: 'hi', x: 1 })).toEqual([
      { pointer: '#', message: 'extraneous key [x] is not permitted' },
    ]);
  });
});

describe('violation wording', () => {
  const one = [{ pointer: '#', message: 'extraneous key [top_k] is not permitted' }];
  const two = [...one, { pointer: '#/p', message: 'expected type: Number, found: String' }];

  it('quotes one violation and counts several', () => {
    expect(countedDetail(one)).toBe('#: extraneous key [top_k] is not permitted');
    expect(countedDetail(two)).toBe('2 schema violations found');
  });

  it('runs every violation together for Anthropic', () => {
    expect(joinedDetail(two)).toBe(
      '#: extraneous key [top_k] is not permitted#/p: expected type: Number, found: String',
    );
  });

  it('throws a ValidationException with the Malformed input request message', () => {
    const error = errorOf(() => assertValid(body, { name: 'a', surplus: true }));
    expect(error).toEqual({
      status: 400,
      type: 'ValidationException',
      message: malformed('#: extraneous key [surplus] is not permitted'),
    });
  });
});
