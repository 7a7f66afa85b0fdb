import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../errors/emulator-error.js';
import { bindInput, type RawHttpInput } from './bind-input.js';
import { type Operation, operations } from './load-models.js';
import { parseTimestamp } from './timestamps.js';

const op = (name: string): Operation => operations().find((o) => o.name === name)!;

function raw(parts: Partial<RawHttpInput> & { json?: unknown; text?: string }): RawHttpInput {
  const text = parts.text ?? (parts.json === undefined ? '' : JSON.stringify(parts.json));
  return {
    labels: parts.labels ?? { modelId: 'amazon.nova-lite-v1:0' },
    query: parts.query ?? new URLSearchParams(),
    headers: parts.headers ?? {},
    body: parts.body ?? Buffer.from(text),
  };
}

/** The SerializationException message bindInput throws for a Converse body, or undefined if it binds. */
function converseError(json: unknown): string | undefined {
  try {
    bindInput(op('Converse'), raw({ json }));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    expect(error).toMatchObject({ status: 400, type: 'SerializationException' });
    return (error as Error).message;
  }
}

const user = (content: unknown) => ({ messages: [{ role: 'user', content }] });

describe('bindInput', () => {
  it('binds labels, headers and the raw blob payload of InvokeModel', () => {
    const body = Buffer.from('{"prompt":"hi"}');
    const input = bindInput(
      op('InvokeModel'),
      raw({
        body,
        headers: {
          'content-type': 'application/json',
          accept: '*/*',
          'x-amzn-bedrock-trace': 'ENABLED',
          host: 'x',
        },
      }),
    );
    expect(input).toEqual({
      modelId: 'amazon.nova-lite-v1:0',
      contentType: 'application/json',
      accept: '*/*',
      trace: 'ENABLED',
      body,
    });
  });

  it('leaves an empty payload unset', () => {
    expect(bindInput(op('InvokeModel'), raw({})).body).toBeUndefined();
  });

  it('converts query parameters per their shape', () => {
    const query = new URLSearchParams('maxResults=7&type=APPLICATION&unknown=1');
    expect(bindInput(op('ListInferenceProfiles'), raw({ labels: {}, query }))).toEqual({
      maxResults: 7,
      typeEquals: 'APPLICATION',
    });
    const bad = () =>
      bindInput(op('ListInferenceProfiles'), raw({ labels: {}, query: new URLSearchParams('maxResults=x') }));
    expect(bad).toThrow('STRING_VALUE cannot be converted to Integer');
  });

  it('turns date-time query parameters into Dates', () => {
    const query = new URLSearchParams('submitTimeAfter=2024-05-01T10:00:00Z');
    expect(bindInput(op('ListAsyncInvokes'), raw({ labels: {}, query })).submitTimeAfter).toEqual(
      new Date('2024-05-01T10:00:00Z'),
    );
    const bad = new URLSearchParams('submitTimeAfter=yesterday');
    expect(() => bindInput(op('ListAsyncInvokes'), raw({ labels: {}, query: bad }))).toThrow(/date-time/);
  });

  it('reads the JSON body, dropping unknown members and nulls', () => {
    const input = bindInput(
      op('Converse'),
      raw({ json: { ...user([{ text: 'hi', cachePoint: null }]), system: null, extra: true } }),
    );
    expect(input).toEqual({ modelId: 'amazon.nova-lite-v1:0', ...user([{ text: 'hi' }]) });
  });

  it('treats an empty body as an empty object', () => {
    expect(bindInput(op('Converse'), raw({}))).toEqual({ modelId: 'amazon.nova-lite-v1:0' });
  });

  it('answers SerializationException for malformed JSON', () => {
    for (const text of ['{[', '{"messages": []}abc', "{'messages': []}", '{"messages": [],}']) {
      expect(() => bindInput(op('Converse'), raw({ text }))).toThrow(EmulatorError);
    }
    expect(converseError([{ messages: [] }])).toMatch(/Unrecognized collection type/);
    expect(converseError(10)).toBe('Unexpected field type');
    expect(converseError(null)).toBe('Unexpected field type');
  });

  it('answers SerializationException for JSON of the wrong type', () => {
    expect(converseError({ messages: 'hello' })).toBe('Unexpected field type');
    expect(converseError({ messages: {} })).toBe('Start of structure or map found where not expected');
    expect(converseError(user('hello'))).toBe('Unexpected field type');
    expect(converseError(user([{ text: 5 }]))).toBe('NUMBER_VALUE cannot be converted to String');
    expect(converseError(user([{ text: ['a'] }]))).toBe(
      'Unrecognized collection type class java.lang.String',
    );
    expect(converseError({ ...user([{ text: 'a' }]), inferenceConfig: { maxTokens: '5' } })).toBe(
      'STRING_VALUE cannot be converted to Integer',
    );
    expect(converseError({ ...user([{ text: 'a' }]), inferenceConfig: { maxTokens: 1.5 } })).toBe(
      'DECIMAL_VALUE cannot be converted to Integer',
    );
    expect(converseError({ ...user([{ text: 'a' }]), inferenceConfig: { maxTokens: 2 ** 31 } })).toMatch(
      /out of range of Integer/,
    );
    expect(converseError({ messages: [null] })).toMatch(/Null value found in a list/);
  });

  it('accepts the non-finite float spellings of restJson1', () => {
    const input = bindInput(op('Converse'), raw({ json: { inferenceConfig: { temperature: 'NaN' } } }));
    expect(input.inferenceConfig).toEqual({ temperature: Number.NaN });
  });

  it('answers SerializationException for a union with no member or several', () => {
    expect(converseError(user([{}]))).toBe('Union ContentBlock must have exactly one member set, found none');
    expect(converseError(user([{ text: 'a', image: { format: 'png', source: { bytes: 'AQID' } } }]))).toBe(
      'Union ContentBlock must have exactly one member set, found text, image',
    );
    expect(converseError(user([{ type: 'text', text: 'a' }]))).toBe(
      'Unknown member type set in union ContentBlock',
    );
    expect(converseError(user([{ __type: 'text', text: 'a' }]))).toBeUndefined();
  });

  it('checks that blobs inside JSON are base64 and keeps them as text', () => {
    const image = (bytes: unknown) => user([{ image: { format: 'png', source: { bytes } } }]);
    expect(converseError(image('AQID'))).toBeUndefined();
    expect(converseError(image('AQI='))).toBeUndefined();
    expect(converseError(image('AQJ='))).toBe('Invalid last non-pad Base64 character dectected');
    expect(converseError(image('-_=='))).toBe('Invalid last non-pad Base64 character dectected');
    expect(converseError(image('AQIDB'))).toBe(
      'Base64 encoded length is expected a multiple of 4 bytes but found: 5',
    );
    expect(converseError(image(123))).toBe('only base-64-encoded strings are convertible to bytes');
  });

  it('accepts any JSON in document members', () => {
    const json = user([{ toolUse: { toolUseId: 't', name: 'n', input: [1, 'two', null, { x: {} }] } }]);
    expect(bindInput(op('Converse'), raw({ json })).messages).toEqual(json.messages);
  });

  it('throws only EmulatorErrors, whatever the body', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          bindInput(
            op('Converse'),
            raw({ json: { messages: [{ role: 'user', content: [json] }], toolConfig: json } }),
          );
        } catch (error) {
          expect(error).toBeInstanceOf(EmulatorError);
        }
      }),
    );
  });
});

describe('parseTimestamp', () => {
  it("reads Smithy's three formats and nothing else", () => {
    const when = new Date('2014-04-29T18:30:38Z');
    expect(parseTimestamp('2014-04-29T18:30:38Z', 'date-time')).toEqual(when);
    expect(parseTimestamp('Tue, 29 Apr 2014 18:30:38 GMT', 'http-date')).toEqual(when);
    expect(parseTimestamp('1398796238', 'epoch-seconds')).toEqual(when);
    expect(parseTimestamp('1398796238', 'date-time')).toBeUndefined();
    expect(parseTimestamp('2014-04-29T18:30:38Z', 'http-date')).toBeUndefined();
    expect(parseTimestamp('0x42', 'epoch-seconds')).toBeUndefined();
  });
});
