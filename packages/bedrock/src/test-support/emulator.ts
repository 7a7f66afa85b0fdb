import { type EmulatorOptions, FAULT_HEADER, type RunningEmulator, startEmulator } from '@strata/emulator';
import { Agent, type Dispatcher } from 'undici';
import { createBedrock } from '../client/create-bedrock.js';
import type { Bedrock, BedrockOptions } from '../client/options.js';
import type { ChatEvent } from '../types/events.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** An emulator on a free port and a client pointed at it with the emulator's default credentials. */
export async function withEmulator(options: EmulatorOptions = {}): Promise<{
  emulator: RunningEmulator;
  client: (extra?: BedrockOptions) => Bedrock;
}> {
  const emulator = await startEmulator({ port: 0, ...options });
  return {
    emulator,
    client: (extra = {}) =>
      createBedrock({
        endpoint: emulator.url,
        region: options.region ?? 'us-east-1',
        credentials: TEST_CREDENTIALS,
        ...extra,
      }),
  };
}

export const userText = (text: string) => ({
  role: 'user' as const,
  content: [{ type: 'text' as const, text }],
});

/** An undici dispatcher that adds the emulator's fault header (`throttle`, `reset;after=3`…) to every request. */
export function faulty(spec: string): Dispatcher {
  return new Agent().compose((dispatch) => (options, handler) => {
    const headers = { ...(options.headers as Record<string, string>), [FAULT_HEADER]: spec };
    return dispatch({ ...options, headers }, handler);
  });
}

/** Every event of a stream, in order. */
export async function drain(iterable: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}
