import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@strata/emulator';
import { createBedrock } from '../client/create-bedrock.js';
import type { Bedrock, BedrockOptions } from '../client/options.js';

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
