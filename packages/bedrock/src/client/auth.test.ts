import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/strata-error.js';
import { userText } from '../test-support/emulator.js';
import { createBedrock } from './create-bedrock.js';

const AWS_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
  'AWS_EC2_METADATA_DISABLED',
];
const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
const API_KEY = 'ABSKEXAMPLEstratatestkey0001';

let emulator: RunningEmulator;
let euEmulator: RunningEmulator;
let home: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, apiKeys: [API_KEY] });
  euEmulator = await startEmulator({ port: 0, region: 'eu-west-1' });
});
afterAll(async () => {
  await emulator.close();
  await euEmulator.close();
});
beforeEach(() => {
  for (const k of AWS_VARS) delete process.env[k];
  home = mkdtempSync(join(tmpdir(), 'strata-home-'));
  process.env.HOME = home;
  // Never let the default chain wander off to an instance metadata endpoint.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});
afterEach(() => {
  for (const k of AWS_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  rmSync(home, { recursive: true, force: true });
});

function writeAws(files: { config?: string; credentials?: string }) {
  mkdirSync(join(home, '.aws'), { recursive: true });
  if (files.config) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
}

const hello = { model: 'claude-haiku-3', messages: [userText('auth check')] };
const ok = async (client: ReturnType<typeof createBedrock>) => (await client.chat(hello)).message.content;

describe('credential sources', () => {
  it('environment keys through the default chain', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    const client = createBedrock({ endpoint: emulator.url, region: 'us-east-1' });
    expect(await ok(client)).toEqual([{ type: 'text', text: 'auth check' }]);
    const auth = await client.describeAuth();
    expect(auth).toMatchObject({ method: 'sigv4', source: 'default-chain', accessKeyId: '****' });
  });

  it('a named profile from shared files in HOME', async () => {
    writeAws({ credentials: '[dev]\naws_access_key_id = test\naws_secret_access_key = test\n' });
    const client = createBedrock({ endpoint: emulator.url, region: 'us-east-1', profile: 'dev' });
    expect(await ok(client)).toHaveLength(1);
    expect(await client.describeAuth()).toMatchObject({ source: 'option:profile', profile: 'dev' });
  });

  it('AWS_PROFILE picks the profile for the default chain', async () => {
    writeAws({ credentials: '[other]\naws_access_key_id = test\naws_secret_access_key = test\n' });
    process.env.AWS_PROFILE = 'other';
    const client = createBedrock({ endpoint: emulator.url, region: 'us-east-1' });
    expect(await ok(client)).toHaveLength(1);
    expect(await client.describeAuth()).toMatchObject({ source: 'default-chain', profile: 'other' });
  });

  it('explicit keys with a session token', async () => {
    const client = createBedrock({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' },
    });
    expect(await ok(client)).toHaveLength(1);
  });

  it('an expired session token is an AuthenticationError saying to refresh', async () => {
    const client = createBedrock({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'expired' },
    });
    const error = await client.chat(hello).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/Refresh the credentials/);
  });

  it('a credential provider is refreshed before its credentials expire', async () => {
    let calls = 0;
    const client = createBedrock({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: async () => {
        calls++;
        // Expiring within the refresh margin: every request must fetch fresh ones.
        return { accessKeyId: 'test', secretAccessKey: 'test', expiration: new Date(Date.now() + 60_000) };
      },
    });
    await ok(client);
    await ok(client);
    expect(calls).toBe(2);
  });

  it('a Bedrock API key as the apiKey option', async () => {
    const client = createBedrock({ endpoint: emulator.url, region: 'us-east-1', apiKey: API_KEY });
    expect(await ok(client)).toHaveLength(1);
    const auth = await client.describeAuth();
    expect(auth).toEqual({
      method: 'bearer',
      source: 'option:apiKey',
      region: 'us-east-1',
      regionSource: 'option',
    });
    expect(JSON.stringify(auth)).not.toContain(API_KEY);
  });

  it('a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK, and a wrong one is refused', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = API_KEY;
    expect(await ok(createBedrock({ endpoint: emulator.url, region: 'us-east-1' }))).toHaveLength(1);
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKEXAMPLEwrongkeyrefused01';
    const error = await createBedrock({ endpoint: emulator.url, region: 'us-east-1' })
      .chat(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).not.toContain('wrongkeyrefused');
  });

  it('an expired SSO session says to run aws sso login for the profile', async () => {
    const startUrl = 'https://example.awsapps.com/start';
    writeAws({
      config: `[profile corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n`,
    });
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const file = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
    writeFileSync(
      join(home, '.aws', 'sso', 'cache', file),
      JSON.stringify({
        startUrl,
        region: 'us-east-1',
        accessToken: 'old',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    const error = await createBedrock({ endpoint: emulator.url, profile: 'corp' })
      .chat(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('aws sso login --profile corp');
  });

  it('no credentials anywhere is an AuthenticationError that mentions the emulator', async () => {
    const error = await createBedrock({ endpoint: emulator.url, region: 'us-east-1' })
      .chat(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/strata emulator/);
  });
});

describe('region precedence', () => {
  const keys = { accessKeyId: 'test', secretAccessKey: 'test' };

  it('option, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile, then us-east-1', async () => {
    writeAws({ config: '[default]\nregion = ap-southeast-2\n' });
    const region = async () => (await createBedrock({ credentials: keys }).describeAuth()).regionSource;
    expect(await region()).toBe('profile');
    process.env.AWS_DEFAULT_REGION = 'eu-central-1';
    expect(await region()).toBe('env:AWS_DEFAULT_REGION');
    process.env.AWS_REGION = 'eu-west-1';
    expect(await createBedrock({ credentials: keys }).describeAuth()).toMatchObject({
      region: 'eu-west-1',
      regionSource: 'env:AWS_REGION',
    });
    expect(await createBedrock({ credentials: keys, region: 'us-west-2' }).describeAuth()).toMatchObject({
      region: 'us-west-2',
      regionSource: 'option',
    });
    rmSync(join(home, '.aws'), { recursive: true });
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    expect(await createBedrock({ credentials: keys }).describeAuth()).toMatchObject({
      region: 'us-east-1',
      regionSource: 'default',
    });
  });

  it('requests are signed for the chosen region (an eu-west-1 endpoint accepts only that)', async () => {
    process.env.AWS_REGION = 'eu-west-1';
    const eu = createBedrock({ endpoint: euEmulator.url, credentials: keys });
    expect(
      (
        await eu.chat({
          model: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
          messages: [userText('bonjour')],
        })
      ).message.content,
    ).toHaveLength(1);
    const wrong = createBedrock({ endpoint: euEmulator.url, credentials: keys, region: 'us-east-1' });
    await expect(wrong.chat(hello)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('the region inside a model ARN wins for that call', async () => {
    const client = createBedrock({ endpoint: euEmulator.url, credentials: keys, region: 'us-east-1' });
    const result = await client.chat({
      model:
        'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
      messages: [userText('arn region')],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'arn region' }]);
  });
});
