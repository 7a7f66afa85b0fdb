import {
  AccessDeniedException,
  type BedrockRuntimeServiceException,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelWithResponseStreamCommand,
  ModelErrorException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeClient, TRANSPORTS } from '../test-support/clients.js';
import { startEmulator } from './emulator.js';
import type { RunningEmulator } from './options.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const LLAMA_3_1 = 'meta.llama3-1-70b-instruct-v1:0';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: { deniedModels: ['anthropic.claude-3-opus-20240229-v1:0'] },
  });
});
afterAll(() => emulator.close());

const hello = (modelId = HAIKU): ConverseCommandInput => ({
  modelId,
  messages: [{ role: 'user', content: [{ text: 'hello' }] }],
});

async function failure(promise: Promise<unknown>): Promise<BedrockRuntimeServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as BedrockRuntimeServiceException;
  }
  throw new Error('expected the call to fail');
}

async function drain(stream: AsyncIterable<unknown> | undefined): Promise<number> {
  let n = 0;
  for await (const _ of stream ?? []) n++;
  return n;
}

describe.each(TRANSPORTS)('errors the official client raises over %s', (transport) => {
  const client = (fault?: string) => runtimeClient(emulator.url, { transport, ...(fault ? { fault } : {}) });

  it.each([
    ['throttle', ThrottlingException, 429],
    ['internal', InternalServerException, 500],
    ['unavailable', ServiceUnavailableException, 503],
    ['timeout', ModelTimeoutException, 408],
    ['model-error', ModelErrorException, 424],
  ] as const)('fault %s → %s (%i)', async (fault, type, status) => {
    const error = await failure(client(fault).send(new ConverseCommand(hello())));
    expect(error).toBeInstanceOf(type);
    expect(error.$metadata.httpStatusCode).toBe(status);
  });

  it('an unknown model is ResourceNotFoundException (404)', async () => {
    const error = await failure(client().send(new ConverseCommand(hello('anthropic.claude-9-nope-v1:0'))));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('Could not resolve the foundation model from the provided model identifier.');
  });

  it('a model without access granted is AccessDeniedException (403)', async () => {
    const error = await failure(
      client().send(new ConverseCommand(hello('anthropic.claude-3-opus-20240229-v1:0'))),
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('a profile-only model called by bare ID says to use an inference profile', async () => {
    const error = await failure(
      client().send(new ConverseCommand(hello('anthropic.claude-3-7-sonnet-20250219-v1:0'))),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain("with on-demand throughput isn't supported");
  });

  it('Smithy constraints answer as AWS does', async () => {
    const error = await failure(
      client().send(new ConverseCommand({ ...hello(), inferenceConfig: { maxTokens: 0 } })),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(
      /^1 validation error detected: Value '?0'? at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1$/,
    );
  });

  it('blank text, bad alternation, missing toolConfig, unpaired tool results and too many cache points', async () => {
    const cases: [ConverseCommandInput, RegExp][] = [
      [
        { modelId: HAIKU, messages: [{ role: 'user', content: [{ text: '   ' }] }] },
        /text field in the ContentBlock object at messages.0.content.0 is blank/,
      ],
      [
        {
          modelId: HAIKU,
          messages: [
            { role: 'user', content: [{ text: 'a' }] },
            { role: 'user', content: [{ text: 'b' }] },
          ],
        },
        /must alternate between user and assistant roles/,
      ],
      [
        {
          modelId: HAIKU,
          messages: [
            { role: 'user', content: [{ text: 'a' }] },
            { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'x', input: {} } }] },
            { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }] },
          ],
        },
        /toolConfig field must be defined/,
      ],
      [
        {
          modelId: HAIKU,
          toolConfig: { tools: [{ toolSpec: { name: 'x', inputSchema: { json: {} } } }] },
          messages: [
            { role: 'user', content: [{ text: 'a' }] },
            { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'x', input: {} } }] },
            { role: 'user', content: [{ text: 'no result' }] },
          ],
        },
        /Expected toolResult blocks at messages.2.content for the following Ids: t1/,
      ],
      [
        {
          modelId: HAIKU,
          system: [1, 2, 3, 4, 5].flatMap((i) => [
            { text: `part ${i}` },
            { cachePoint: { type: 'default' as const } },
          ]),
          messages: [{ role: 'user', content: [{ text: 'a' }] }],
        },
        /cache points/,
      ],
    ];
    for (const [input, message] of cases) {
      const error = await failure(client().send(new ConverseCommand(input)));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toMatch(message);
    }
  });

  it('input longer than the context window is rejected', async () => {
    const huge = 'word '.repeat(170_000);
    const error = await failure(
      client().send(
        new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [{ text: huge }] }] }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('Input is too long for requested model.');
  });

  it('ConverseStream with tools on Llama 3.1 is a ValidationException (400); Converse and Claude serve them', async () => {
    const withTool = (modelId: string): ConverseCommandInput => ({
      ...hello(modelId),
      toolConfig: { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }] },
    });
    const error = await failure(client().send(new ConverseStreamCommand(withTool(LLAMA_3_1))));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe("This model doesn't support tool use in streaming mode.");
    const converse = await client().send(new ConverseCommand(withTool(LLAMA_3_1)));
    expect(converse.output?.message?.content?.[0]?.text).toBe('hello');
    const claude = await client().send(new ConverseStreamCommand(withTool(HAIKU)));
    expect(await drain(claude.stream)).toBeGreaterThan(0);
    const noTools = await client().send(new ConverseStreamCommand(hello(LLAMA_3_1)));
    expect(await drain(noTools.stream)).toBeGreaterThan(0);
  });

  it('a mid-stream exception frame raises ModelStreamErrorException', async () => {
    const out = await client('stream-exception;after=3').send(new ConverseStreamCommand(hello()));
    const error = await failure(drain(out.stream));
    expect(error).toBeInstanceOf(ModelStreamErrorException);
  });

  it('a mid-stream throttling frame raises ThrottlingException on InvokeModelWithResponseStream', async () => {
    const out = await client('stream-exception;type=throttlingException;after=1').send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU,
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'hi there you' }],
        }),
      }),
    );
    const error = await failure(drain(out.body));
    expect(error).toBeInstanceOf(ThrottlingException);
  });
});

describe('authentication', () => {
  it('a wrong secret is InvalidSignatureException (403)', async () => {
    const client = runtimeClient(emulator.url, {
      credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' },
    });
    const error = await failure(client.send(new ConverseCommand(hello())));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).not.toContain('wrong');
  });

  it('an unknown access key is UnrecognizedClientException (403)', async () => {
    const client = runtimeClient(emulator.url, {
      credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'test' },
    });
    const error = await failure(client.send(new ConverseCommand(hello())));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('session tokens are accepted', async () => {
    const client = runtimeClient(emulator.url, {
      credentials: { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'FwoGZXIvYXdzE' },
    });
    const out = await client.send(new ConverseCommand(hello()));
    expect(out.output?.message?.content?.[0]?.text).toBe('hello');
  });
});
