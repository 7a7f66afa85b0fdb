import { expect } from 'vitest';
import { EmulatorError } from '../../errors/emulator-error.js';
import type { AuthConfig } from '../types.js';
import { AKID, SECRET } from './sign.js';

export const T0 = new Date('2026-01-01T00:00:00Z');
export const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

/** The emulator's configuration in tests: one known key pair, no API keys. */
export const config = (overrides: Partial<AuthConfig> = {}): AuthConfig => ({
  credentials: [{ accessKeyId: AKID, secretAccessKey: SECRET }],
  anyCredentials: false,
  apiKeys: [],
  ...overrides,
});

/** The EmulatorError a promise rejects with. */
export async function refusal(promise: Promise<unknown>): Promise<EmulatorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmulatorError);
  return error as EmulatorError;
}
