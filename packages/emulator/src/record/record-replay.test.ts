import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConverseCommand,
  ConverseStreamCommand,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../server/emulator.js';
import type { RunningEmulator } from '../server/options.js';
import { runtimeClient } from '../test-support/clients.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const UPSTREAM_SECRET = 'upstream-secret-value';

let upstream: RunningEmulator;
let recorder: RunningEmulator;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-record-'));
  // The upstream only accepts the credentials the recorder re-signs with, never the caller's.
  upstream = await startEmulator({
    port: 0,
    credentials: [{ accessKeyId: 'UPSTREAMKEY', secretAccessKey: UPSTREAM_SECRET }],
    script: { rules: [{ match: { lastUserText: 'throttle me' }, fault: 'throttle' }] },
  });
  process.env.AWS_ACCESS_KEY_ID = 'UPSTREAMKEY';
  process.env.AWS_SECRET_ACCESS_KEY = UPSTREAM_SECRET;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  delete process.env.AWS_SESSION_TOKEN;
  recorder = await startEmulator({ port: 0, record: { dir, upstream: upstream.url } });
});
afterAll(async () => {
  process.env = savedEnv;
  await recorder.close();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (text: string) => ({
  modelId: HAIKU,
  messages: [{ role: 'user' as const, content: [{ text }] }],
});

describe('record and replay', () => {
  it('records through a re-signing proxy, then replays the same answers offline', async () => {
    const client = runtimeClient(recorder.url);
    const live = await client.send(new ConverseCommand(ask('record this please')));
    expect(live.output?.message?.content?.[0]?.text).toBe('record this please');
    const stream = await client.send(new ConverseStreamCommand(ask('and stream this')));
    let streamed = '';
    for await (const event of stream.stream ?? []) streamed += event.contentBlockDelta?.delta?.text ?? '';
    expect(streamed).toBe('and stream this');
    await expect(client.send(new ConverseCommand(ask('throttle me')))).rejects.toBeInstanceOf(
      ThrottlingException,
    );
    expect(upstream.stats.byOperation).toEqual({ Converse: 2, ConverseStream: 1 });

    const files = readdirSync(dir);
    expect(files).toHaveLength(3);
    const stored = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(stored).not.toContain(UPSTREAM_SECRET);
    expect(stored).not.toMatch(/Signature=|authorization/i);
    expect(stored).toContain('"contentBlockDelta"');

    const replay = await startEmulator({ port: 0, replay: dir });
    try {
      const replayClient = runtimeClient(replay.url);
      const again = await replayClient.send(new ConverseCommand(ask('record this please')));
      expect(again.output?.message?.content).toEqual(live.output?.message?.content);
      const replayedStream = await replayClient.send(new ConverseStreamCommand(ask('and stream this')));
      let text = '';
      for await (const event of replayedStream.stream ?? [])
        text += event.contentBlockDelta?.delta?.text ?? '';
      expect(text).toBe('and stream this');
      await expect(replayClient.send(new ConverseCommand(ask('throttle me')))).rejects.toBeInstanceOf(
        ThrottlingException,
      );
      const missing = await replayClient
        .send(new ConverseCommand(ask('never recorded')))
        .catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      expect((missing as Error).message).toMatch(/No recorded exchange/);
    } finally {
      await replay.close();
    }
  });

  it('re-signs with a named profile from the shared credentials file, as the AWS CLI would', async () => {
    const home = mkdtempSync(join(tmpdir(), 'strata-record-profile-'));
    const credentialsFile = join(home, 'credentials');
    writeFileSync(
      credentialsFile,
      `[recording]\naws_access_key_id = UPSTREAMKEY\naws_secret_access_key = ${UPSTREAM_SECRET}\n`,
    );
    const env = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    Object.assign(process.env, {
      AWS_PROFILE: 'recording',
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: join(home, 'config'),
    });
    const viaProfile = await startEmulator({
      port: 0,
      record: { dir: join(home, 'out'), upstream: upstream.url },
    });
    try {
      const out = await runtimeClient(viaProfile.url).send(new ConverseCommand(ask('signed from a profile')));
      expect(out.output?.message?.content?.[0]?.text).toBe('signed from a profile');
      expect(readdirSync(join(home, 'out'))).toHaveLength(1);
    } finally {
      process.env = env;
      await viaProfile.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
