import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  ValidationError,
} from '../errors/strata-error.js';
import { drain, faulty, userText, withEmulator } from '../test-support/emulator.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({
    wordsPerDelta: 1,
    script: { deniedModels: ['anthropic.claude-3-sonnet-20240229-v1:0'] },
  });
});
afterAll(() => env.emulator.close());

const ask = { model: 'claude-haiku-3', messages: [userText('a b c d e f g h i j')] };

describe('HTTP errors become typed errors', () => {
  it.each([
    ['throttle', RateLimitError, 429, true],
    ['unavailable', ServiceUnavailableError, 503, true],
    ['timeout', ModelTimeoutError, 408, true],
    ['internal', ProviderError, 500, true],
  ] as const)('%s → %s', async (fault, type, status, retryable) => {
    const error = await env
      .client({ dispatcher: faulty(fault), maxRetries: 0 })
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, retryable });
    expect((error as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('access not granted is AccessDeniedError saying how to enable it', async () => {
    const error = await env
      .client()
      .chat({ ...ask, model: 'anthropic.claude-3-sonnet-20240229-v1:0' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as Error).message).toMatch(/Model access/);
  });

  it('bad credentials are AuthenticationError, without the secret', async () => {
    const error = await env
      .client({ credentials: { accessKeyId: 'test', secretAccessKey: 'hunter2-secret' } })
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(
      'hunter2',
    );
  });

  it('an unknown model is ModelNotFoundError with close matches, before any request', async () => {
    env.emulator.resetStats();
    const error = await env
      .client()
      .chat({ ...ask, model: 'claude-haiku-33' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).suggestions.length).toBeGreaterThan(0);
    expect(env.emulator.stats.requests).toBe(0);
  });

  it('input over the context window is ContextLengthError', async () => {
    const huge = 'word '.repeat(170_000);
    const error = await env
      .client()
      .chat({ model: 'claude-haiku-3', messages: [userText(huge)] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextLengthError);
  });

  it("Bedrock's on-demand refusal is OnDemandNotSupportedError naming a profile", async () => {
    // Bypass the resolver's routing by asking through the foundation-model ARN with the native API's id.
    const error = await env
      .client()
      .chat({
        ...ask,
        model: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnDemandNotSupportedError);
  });

  it('a malformed request refused by Bedrock is ValidationError with the field path', async () => {
    const error = await env
      .client({ preflight: 'off' })
      .chat({ ...ask, maxTokens: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('inferenceConfig.maxTokens');
  });
});

describe('mid-stream exception frames become the same classes', () => {
  it.each([
    ['modelStreamErrorException', ModelStreamError],
    ['throttlingException', RateLimitError],
    ['validationException', ContextLengthError],
    ['serviceUnavailableException', ServiceUnavailableError],
    ['modelTimeoutException', ModelTimeoutError],
    ['internalServerException', ProviderError],
  ] as const)('%s → %s, with the partial output', async (type, cls) => {
    const client = env.client({ dispatcher: faulty(`stream-exception;type=${type};after=4`), maxRetries: 0 });
    const seen: ChatEvent[] = [];
    const error = await (async () => {
      for await (const event of client.stream(ask)) seen.push(event);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cls);
    expect(seen.some((e) => e.type === 'text-delta')).toBe(true);
  });
});

describe('retries', () => {
  it('retries throttling and succeeds, counting upstream requests', async () => {
    const { emulator, client } = await withEmulator({
      script: { rules: [{ match: { lastUserText: 'flaky' }, fault: 'throttle', times: 2 }] },
    });
    try {
      const result = await client().chat({ model: 'claude-haiku-3', messages: [userText('flaky call')] });
      expect(result.message.content).toEqual([{ type: 'text', text: 'flaky call' }]);
      expect(emulator.stats.byOperation.Converse).toBe(3);
    } finally {
      await emulator.close();
    }
  });

  it('gives up after maxRetries', async () => {
    env.emulator.resetStats();
    const error = await env
      .client({ dispatcher: faulty('unavailable'), maxRetries: 2 })
      .chat(ask)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(env.emulator.stats.byOperation.Converse).toBe(3);
  });

  it('does not retry what cannot succeed', async () => {
    env.emulator.resetStats();
    await env
      .client({ preflight: 'off' })
      .chat({ ...ask, maxTokens: 0 })
      .catch(() => undefined);
    expect(env.emulator.stats.byOperation.Converse).toBe(1);
  });

  it('honours Retry-After', async () => {
    const { emulator, client } = await withEmulator({
      script: { rules: [{ match: { lastUserText: 'wait' }, fault: 'throttle;retry-after=1', times: 1 }] },
    });
    try {
      const started = Date.now();
      await client().chat({ model: 'claude-haiku-3', messages: [userText('wait for me')] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(emulator.stats.byOperation.Converse).toBe(2);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    ['the caller aborts', AbortError],
    ['the total timeout runs out', ModelTimeoutError],
  ] as const)('a backoff (Retry-After: 10 s) ends at once when %s', async (_when, type) => {
    const { emulator, client } = await withEmulator({
      script: { rules: [{ match: { lastUserText: 'backoff' }, fault: 'throttle;retry-after=10' }] },
    });
    try {
      const controller = new AbortController();
      const request = { model: 'claude-haiku-3', messages: [userText('backoff please')] };
      const call =
        type === AbortError
          ? client().chat({ ...request, signal: controller.signal })
          : client({ timeouts: { totalMs: 400 } }).chat(request);
      if (type === AbortError) setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(emulator.stats.byOperation.Converse).toBe(1);
    } finally {
      await emulator.close();
    }
  });

  it('retries a whole reply cut mid-body: nothing had reached the caller', async () => {
    const { emulator, client } = await withEmulator({
      script: { rules: [{ match: { lastUserText: 'cut' }, fault: 'reset;after=1', times: 1 }] },
    });
    try {
      const result = await client().chat({ model: 'claude-haiku-3', messages: [userText('cut me')] });
      expect(result.message.content).toEqual([{ type: 'text', text: 'cut me' }]);
      expect(emulator.stats.byOperation.Converse).toBe(2);
    } finally {
      await emulator.close();
    }
  });

  it('never retries once an event reached the caller', async () => {
    env.emulator.resetStats();
    const error = await drain(
      env.client({ dispatcher: faulty('stream-exception;type=throttlingException;after=3') }).stream(ask),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(env.emulator.stats.byOperation.ConverseStream).toBe(1);
  });
});
