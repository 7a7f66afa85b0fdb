import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unknownOperationBody } from './aws-responses.js';
import { errorStatus } from './load-models.js';
import { javaDouble, renderValue } from './render-value.js';
import { schemaOf } from './schema.js';

describe('unknownOperationBody', () => {
  it('is the body Bedrock sent for a path that names no operation, with status 200', () => {
    const captured = readFileSync(
      new URL('../../fixtures/bedrock/vercel-ai/issue-17523-unknown-operation.json', import.meta.url),
      'utf8',
    );
    const response = unknownOperationBody();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual(JSON.parse(captured));
  });
});

describe('errorStatus', () => {
  it.each([
    ['ValidationException', 400],
    ['AccessDeniedException', 403],
    ['ResourceNotFoundException', 404],
    ['ModelTimeoutException', 408],
    ['ModelErrorException', 424],
    ['ThrottlingException', 429],
    ['ModelNotReadyException', 429],
    ['InternalServerException', 500],
    ['ServiceUnavailableException', 503],
    ['ServiceQuotaExceededException', 400],
    ['ConflictException', 400],
    ['com.amazonaws.bedrock#TooManyTagsException', 400],
  ])('%s → %i', (name, status) => {
    expect(errorStatus(name)).toBe(status);
  });

  it('knows no status for shapes that are not errors', () => {
    expect(errorStatus('ConverseRequest')).toBeUndefined();
    expect(errorStatus('NoSuchException')).toBeUndefined();
  });
});

describe('renderValue', () => {
  it('prints floats as Java doubles', () => {
    expect([2, 0.5, 1e7, 1.5e-4, 0, -3, Number.NaN].map(javaDouble)).toEqual([
      '2.0',
      '0.5',
      '1.0E7',
      '1.5E-4',
      '0.0',
      '-3.0',
      'NaN',
    ]);
  });

  it('prints string lists and maps as Java collections, structures not at all', () => {
    const stops = schemaOf('com.amazonaws.bedrockruntime#NonEmptyStringList');
    expect(renderValue(['a', 'b'], stops)).toBe('[a, b]');
    expect(renderValue({ a: 'b' }, stops)).toBeUndefined();
    expect(renderValue({ k: 'v', k2: 'w' }, schemaOf('com.amazonaws.bedrockruntime#RequestMetadata'))).toBe(
      '{k=v, k2=w}',
    );
    expect(renderValue([{ text: 'a' }], schemaOf('com.amazonaws.bedrockruntime#Messages'))).toBeUndefined();
  });
});
