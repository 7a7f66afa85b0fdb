import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { databaseTarget, openStore } from '@strata/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runStrata } from '../test-support/strata-bin.js';

let emulator: RunningEmulator;
let dataDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'strata-cli-data-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const strata = (args: string[], env: Record<string, string> = {}) =>
  runStrata(args, { env: isolatedEnv(dataDir, env) });

const emulatorEnv = () => ({
  AWS_ENDPOINT_URL: emulator.url,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
});

describe('strata models', () => {
  it('prints the registry offline, filtered by provider', async () => {
    const { code, stdout } = await strata(['models', '--offline', '--provider', 'Anthropic']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(
      /^model\s+alias\s+context\s+output\s+capabilities\s+per 1M in\/out/,
    );
    expect(stdout).toMatch(
      /anthropic\.claude-3-haiku-20240307-v1:0\s+claude-haiku-3\s+200k\s+4k\s+tools images.*\$0\.25\/\$1\.25/,
    );
    expect(stdout).not.toMatch(/meta\.llama/);
  });

  it('merges the control plane when it can be reached', async () => {
    const { code, stdout } = await strata(['models', '--json', '--provider', 'Meta'], emulatorEnv());
    expect(code).toBe(0);
    const models = JSON.parse(stdout) as { baseModelId: string; listed?: boolean }[];
    expect(models.find((m) => m.baseModelId === 'meta.llama3-8b-instruct-v1:0')?.listed).toBe(true);
  });
});

describe('strata cost', () => {
  it('estimates a cost from token counts, offline', async () => {
    const { code, stdout } = await strata([
      'cost',
      'estimate',
      '--model',
      'claude-sonnet-3.5',
      '--input',
      '1000000',
      '--output',
      '100000',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { model: string; input: number; output: number };
    expect(result.model).toBe('anthropic.claude-3-5-sonnet-20241022-v2:0');
    expect(result.input).toBeCloseTo(3, 6);
    expect(result.output).toBeCloseTo(1.5, 6);
  });

  it("reports the gateway's ledger by model", async () => {
    const store = await openStore(databaseTarget({ dataDir }));
    for (const [model, cost] of [
      ['claude-haiku-3', 0.25],
      ['claude-haiku-3', 0.5],
      ['nova-pro', 1],
    ] as const) {
      await store.usage.record({
        conversationId: null,
        apiKeyId: null,
        source: 'openai',
        model,
        inputTokens: 100,
        outputTokens: 10,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        costUsd: cost,
      });
    }
    await store.close();
    const { code, stdout } = await strata(['cost', '--by', 'model', '--data-dir', dataDir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/claude-haiku-3\s+2\s+200\s+20\s+\$0\.750000/);
    expect(stdout).toMatch(/total.*\$1\.750000/);
    const bad = await strata(['cost', '--by', 'week', '--data-dir', dataDir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--by must be model, day or conversation/);
  });
});

describe('strata keys', () => {
  it('creates a key shown once, lists it without the secret, and revokes it', async () => {
    const created = await strata(['keys', 'create', 'ci-bot', '--data-dir', dataDir]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sk-strata-[A-Za-z0-9_-]{40,}$/);
    const listed = await strata(['keys', 'list', '--json', '--data-dir', dataDir]);
    const keys = JSON.parse(listed.stdout) as { id: string; name: string }[];
    expect(keys.map((k) => k.name)).toContain('ci-bot');
    expect(listed.stdout).not.toContain(key);
    const id = keys.find((k) => k.name === 'ci-bot')?.id ?? '';
    expect((await strata(['keys', 'revoke', id, '--data-dir', dataDir])).code).toBe(0);
    expect((await strata(['keys', 'revoke', id, '--data-dir', dataDir])).code).not.toBe(0);
  });
});
