import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runStrata } from '../test-support/strata-bin.js';

const home = mkdtempSync(join(tmpdir(), 'strata-doctor-'));
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: { deniedModels: ['anthropic.claude-3-opus-20240229-v1:0'] },
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
});

const doctor = (args: string[], secret = 'test') =>
  runStrata(['doctor', ...args], {
    env: isolatedEnv(home, {
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_REGION: 'us-east-1',
    }),
  });

describe('strata doctor', () => {
  it('passes when credentials, clock, endpoint and model access are fine', async () => {
    const { code, stdout } = await doctor([
      '--model',
      'claude-haiku-3',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
    ]);
    expect(stdout).toMatch(/^ok +credentials: sigv4 from default-chain, key \*+/m);
    expect(stdout).toMatch(/^ok +region: us-east-1 \(from env:AWS_REGION\)/m);
    expect(stdout).toMatch(/^ok +clock: [+-]\d+\.\d min/m);
    expect(stdout).toMatch(/^ok +bedrock: reachable/m);
    expect(stdout).toMatch(/^ok +model claude-haiku-3: invocable/m);
    expect(stdout).toMatch(
      /^ok +model anthropic\.claude-3-7-sonnet-20250219-v1:0: .*routed through an inference profile.*on-demand is not offered/m,
    );
    expect(code).toBe(0);
  });

  it('fails on model access, with the fix', async () => {
    const { code, stdout } = await doctor(['--model', 'claude-opus-4']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +model claude-opus-4: access_denied/m);
    expect(stdout).toMatch(/fix: Enable the model under Bedrock → Model access/);
  });

  it('fails on bad credentials, explaining, without printing the secret', async () => {
    const { code, stdout } = await doctor(['--model', 'claude-haiku-3'], 'not-the-secret-xyz');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL +bedrock: /m);
    expect(stdout).toMatch(/^FAIL +model claude-haiku-3: authentication_error/m);
    expect(stdout).toMatch(/fix: Check the credentials in use/);
    expect(stdout).not.toContain('not-the-secret-xyz');
  });
});
