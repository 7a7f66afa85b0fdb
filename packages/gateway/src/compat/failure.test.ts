import {
  AbortError,
  AccessDeniedError,
  AuthenticationError,
  ContextLengthError,
  ModelNotFoundError,
  ModelStreamError,
  ModelTimeoutError,
  OnDemandNotSupportedError,
  ProviderError,
  RateLimitError,
  ServiceUnavailableError,
  StreamStalledError,
  ValidationError,
} from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { describeFailure } from './failure.js';

describe('describeFailure', () => {
  it('maps each library error code to its HTTP status', () => {
    const cases: [Error, number][] = [
      [new ValidationError('bad'), 400],
      [new ContextLengthError('too long'), 400],
      [new OnDemandNotSupportedError('needs a profile'), 400],
      [new AuthenticationError('expired'), 401],
      [new AccessDeniedError('denied'), 403],
      [new ModelNotFoundError('unknown'), 404],
      [new RateLimitError('slow down'), 429],
      [new ServiceUnavailableError('busy'), 503],
      [new ModelTimeoutError('late'), 504],
      [new StreamStalledError('silent'), 504],
      [new ModelStreamError('cut'), 502],
      [new ProviderError('odd'), 502],
      [new AbortError('aborted'), 499],
    ];
    for (const [error, status] of cases)
      expect([error.name, describeFailure(error).status]).toEqual([error.name, status]);
  });

  it('keeps the code, the field at fault and the retry hint', () => {
    expect(describeFailure(new ValidationError('bad text', { path: 'messages.0.content.1' }))).toEqual({
      status: 400,
      message: 'bad text',
      code: 'validation_error',
      param: 'messages.0.content.1',
    });
    expect(describeFailure(new RateLimitError('slow down', { retryAfterMs: 2500 }))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 2500,
    });
    expect(describeFailure(new ContextLengthError('too long')).code).toBe('context_length_exceeded');
  });

  it("takes Fastify's validation and client errors as they are", () => {
    const validation = Object.assign(
      new Error('body/messages/0/role must be equal to one of the allowed values'),
      {
        statusCode: 400,
        validation: [{ instancePath: '/messages/0/role' }],
      },
    );
    expect(describeFailure(validation)).toEqual({
      status: 400,
      message: validation.message,
      code: null,
      param: 'messages.0.role',
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(describeFailure(tooLarge)).toMatchObject({ status: 413, message: 'Request body is too large' });
  });

  it('hides anything else behind a 500 without its message', () => {
    const failure = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(failure.status).toBe(500);
    expect(failure.message).not.toContain('undefined');
    expect(describeFailure(Object.assign(new Error('upstream'), { statusCode: 502 })).status).toBe(500);
  });
});
