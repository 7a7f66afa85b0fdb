import { describe, expect, it } from 'vitest';
import { ApiKeyRing } from './bearer.js';
import { SigningKeyCache } from './signing-key-cache.js';
import { formatAmzDate, parseAmzDate, requestDate } from './signing-time.js';
import { parseSigV4Authorization } from './sigv4-header.js';

describe('SigningKeyCache', () => {
  it('derives the signing key of AWS’s documented example', () => {
    const key = new SigningKeyCache().get(
      'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      '20120215',
      'us-east-1',
      'iam',
    );
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('derives a key once per (secret, date, region, service) and drops the oldest when full', () => {
    const cache = new SigningKeyCache(2);
    const first = cache.get('s', '20260101', 'us-east-1', 'bedrock');
    expect(cache.get('s', '20260101', 'us-east-1', 'bedrock')).toBe(first);
    expect(cache.get('s', '20260102', 'us-east-1', 'bedrock')).not.toBe(first);
    cache.get('s', '20260103', 'us-east-1', 'bedrock');
    expect(cache.get('s', '20260101', 'us-east-1', 'bedrock')).not.toBe(first);
  });
});

describe('signing time', () => {
  it('round-trips the basic format', () => {
    expect(parseAmzDate('20260101T001000Z')).toBe(Date.UTC(2026, 0, 1, 0, 10));
    expect(formatAmzDate(Date.UTC(2026, 0, 1, 0, 10, 0, 999))).toBe('20260101T001000Z');
  });

  it('refuses dates that are not real basic-format times', () => {
    for (const bad of ['2026-01-01T00:00:00Z', '20260230T000000Z', '20261301T000000Z', '20260101T240000Z']) {
      expect(() => parseAmzDate(bad)).toThrow(`Date must be in ISO-8601 'basic format'. Got '${bad}'.`);
    }
  });

  it('falls back to the HTTP Date header', () => {
    expect(requestDate(undefined, 'Thu, 01 Jan 2026 00:00:00 GMT')).toBe('20260101T000000Z');
    expect(requestDate('20260101T000000Z', 'ignored')).toBe('20260101T000000Z');
    expect(requestDate(undefined, undefined)).toBeUndefined();
  });
});

describe('parseSigV4Authorization', () => {
  it('reads the credential scope, signed headers and signature, with or without spaces', () => {
    const parsed = parseSigV4Authorization(
      'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/bedrock/aws4_request,SignedHeaders=host;X-Amz-Date,Signature=abc',
      true,
    );
    expect(parsed).toEqual({
      accessKeyId: 'AKID',
      scope: { date: '20260101', region: 'us-east-1', service: 'bedrock', terminator: 'aws4_request' },
      signedHeaders: ['host', 'x-amz-date'],
      signature: 'abc',
    });
  });

  it('treats another scheme as a header missing every part', () => {
    expect(() => parseSigV4Authorization('Basic dXNlcjpwYXNz', false)).toThrow(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });
});

describe('ApiKeyRing', () => {
  it('accepts any well-formed key when empty, only its keys otherwise', () => {
    expect(new ApiKeyRing([]).accepts('ABSKanything')).toBe(true);
    expect(new ApiKeyRing([]).accepts('ABSK with spaces')).toBe(false);
    const ring = new ApiKeyRing(['ABSKone', 'bedrock-api-key-two']);
    expect(ring.accepts('bedrock-api-key-two')).toBe(true);
    expect(ring.accepts('ABSKthree')).toBe(false);
  });
});
