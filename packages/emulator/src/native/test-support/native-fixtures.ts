/** Shared inputs for the native codec tests. */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { InvocationMetrics, Reply, Usage } from '../../conversation/types.js';
import { EmulatorError } from '../../errors/emulator-error.js';
import type { NativeContext } from '../codec.js';

export const usage: Usage = { inputTokens: 42, outputTokens: 17 };
export const cachedUsage: Usage = {
  inputTokens: 42,
  outputTokens: 17,
  cacheReadInputTokens: 900,
  cacheWriteInputTokens: 30,
};
export const metrics: InvocationMetrics = { invocationLatency: 812, firstByteLatency: 203 };

export const ctx = (extra: Partial<NativeContext> = {}): NativeContext => ({
  modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  responseId: '0000000a',
  wordsPerDelta: 2,
  ...extra,
});

export const TEXT = 'The quick brown fox jumps over the lazy dog, twice.';

export const textReply = (text = TEXT, stopReason: Reply['stopReason'] = 'end_turn'): Reply => ({
  blocks: [{ type: 'text', text }],
  stopReason,
});

export const toolReply: Reply = {
  blocks: [
    { type: 'text', text: 'Let me look that up.' },
    {
      type: 'toolUse',
      toolUseId: 'tooluse_0000000a_0',
      name: 'get_weather',
      input: { city: 'Paris', unit: 'celsius' },
    },
  ],
  stopReason: 'tool_use',
};

export const expectedMetrics = {
  inputTokenCount: 42,
  outputTokenCount: 17,
  invocationLatency: 812,
  firstByteLatency: 203,
};

/** Runs `decode` and returns the message of the EmulatorError it must throw. */
export function errorOf(decode: () => unknown): { status: number; type: string; message: string } {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    const e = error as EmulatorError;
    return { status: e.status, type: e.type, message: e.message };
  }
  throw new Error('expected the body to be rejected');
}

export const malformed = (detail: string): string =>
  `Malformed input request: ${detail}, please reformat your input and try again.`;

/** Reply text that any family can carry: words, spaces, newlines and punctuation. */
export const replyTextArbitrary = fc.string({
  unit: fc.constantFrom('a', 'b', 'é', ' ', '\n', '.', '{', '"', '7'),
  maxLength: 80,
});

export const last = <T>(items: readonly T[]): T => items[items.length - 1]!;
