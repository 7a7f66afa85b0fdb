import {
  BedrockClient,
  GetInferenceProfileCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  CountTokensCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { bindInput } from './bind-input.js';
import { matchOperation } from './match-operation.js';
import { validateInput } from './validate-input.js';

/** What the official SDK puts on the wire, caught before it leaves. */
interface WireRequest {
  method: string;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

class Captured extends Error {
  constructor(readonly request: WireRequest) {
    super('captured');
  }
}

const requestHandler = {
  handle: async (request: WireRequest): Promise<never> => {
    throw new Captured(request);
  },
  updateHttpClientConfig: () => undefined,
  httpHandlerConfigs: () => ({}),
};

const options = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  requestHandler,
  maxAttempts: 1,
};

async function wire(send: () => Promise<unknown>): Promise<WireRequest> {
  try {
    await send();
  } catch (error) {
    if (error instanceof Captured) return error.request;
    throw error;
  }
  throw new Error('the SDK sent nothing');
}

/** The body's bytes; the SDK's JSON body adapter warns when treated as a string, so copy its memory. */
const bytes = (body: WireRequest['body']): Buffer =>
  typeof body === 'string' || body === undefined
    ? Buffer.from(body ?? '')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);

/** Routes, binds and validates a captured request as the emulator does. */
function serve(request: WireRequest) {
  const match = matchOperation(request.method, request.path);
  if (!match) throw new Error(`no operation for ${request.method} ${request.path}`);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) {
    for (const item of [value ?? ''].flat()) query.append(key, item);
  }
  const input = bindInput(match.operation, {
    labels: match.labels,
    query,
    headers: request.headers,
    body: bytes(request.body),
  });
  return { name: match.operation.name, input, violations: validateInput(match.operation, input) };
}

const runtime = new BedrockRuntimeClient(options);
const control = new BedrockClient(options);
const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456';

describe('requests from the official SDK', () => {
  it('Converse with an ARN model id, image bytes and inference config', async () => {
    const request = await wire(() =>
      runtime.send(
        new ConverseCommand({
          modelId: PROFILE_ARN,
          messages: [
            {
              role: 'user',
              content: [
                { text: 'hi' },
                { image: { format: 'png', source: { bytes: new Uint8Array([1, 2, 3]) } } },
              ],
            },
          ],
          inferenceConfig: { maxTokens: 5, temperature: 0.5, stopSequences: ['END'] },
        }),
      ),
    );
    const served = serve(request);
    expect(served.name).toBe('Converse');
    expect(served.violations).toEqual([]);
    expect(served.input).toEqual({
      modelId: PROFILE_ARN,
      messages: [
        { role: 'user', content: [{ text: 'hi' }, { image: { format: 'png', source: { bytes: 'AQID' } } }] },
      ],
      inferenceConfig: { maxTokens: 5, temperature: 0.5, stopSequences: ['END'] },
    });
  });

  it('InvokeModelWithResponseStream: raw payload and bound headers', async () => {
    const request = await wire(() =>
      runtime.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          body: new TextEncoder().encode('{"max_tokens":5}'),
          contentType: 'application/json',
          accept: 'application/json',
          trace: 'ENABLED',
          performanceConfigLatency: 'optimized',
        }),
      ),
    );
    const served = serve(request);
    expect(served.violations).toEqual([]);
    expect(served.input).toMatchObject({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      contentType: 'application/json',
      accept: 'application/json',
      trace: 'ENABLED',
      performanceConfigLatency: 'optimized',
    });
    expect(Buffer.isBuffer(served.input.body)).toBe(true);
    expect(String(served.input.body)).toBe('{"max_tokens":5}');
  });

  it('CountTokens keeps the nested invokeModel body as base64 text', async () => {
    const body = new TextEncoder().encode('{"messages":[]}');
    const request = await wire(() =>
      runtime.send(
        new CountTokensCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          input: { invokeModel: { body } },
        }),
      ),
    );
    const served = serve(request);
    expect(served.violations).toEqual([]);
    expect(served.input.input).toEqual({ invokeModel: { body: Buffer.from(body).toString('base64') } });
  });

  it('ListInferenceProfiles binds query parameters to typed members', async () => {
    const request = await wire(() =>
      control.send(new ListInferenceProfilesCommand({ maxResults: 5, typeEquals: 'SYSTEM_DEFINED' })),
    );
    expect(serve(request)).toEqual({
      name: 'ListInferenceProfiles',
      input: { maxResults: 5, typeEquals: 'SYSTEM_DEFINED' },
      violations: [],
    });
  });

  it('GetInferenceProfile takes the ARN from the percent-encoded path', async () => {
    const request = await wire(() =>
      control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: PROFILE_ARN })),
    );
    expect(request.path).toContain('arn%3Aaws%3Abedrock');
    expect(serve(request)).toEqual({
      name: 'GetInferenceProfile',
      input: { inferenceProfileIdentifier: PROFILE_ARN },
      violations: [],
    });
  });
});
