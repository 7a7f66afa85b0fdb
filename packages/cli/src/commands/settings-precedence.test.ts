import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runStrata, startStrata } from '../test-support/strata-bin.js';

const root = mkdtempSync(join(tmpdir(), 'strata-settings-'));
let emulator: RunningEmulator;

// Each model answers in its own words, so a reply shows which model the settings picked.
const heard = (model: string) => ({
  match: { model, lastUserText: '([\\s\\S]*)' },
  reply: { text: `${model} heard: $1` },
});

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    script: { rules: ['haiku', 'nova-lite', 'nova-pro', 'sonnet'].map(heard) },
  });
});
afterAll(async () => {
  await emulator.close();
  rmSync(root, { recursive: true, force: true });
});

function sandbox(name: string, config: Record<string, unknown> = {}, dotenv?: string) {
  const home = join(root, name);
  const strataHome = join(home, 'strata-home');
  const cwd = join(home, 'project');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(strataHome, { recursive: true });
  writeFileSync(join(strataHome, 'config.json'), JSON.stringify(config));
  if (dotenv !== undefined) writeFileSync(join(cwd, '.env'), dotenv);
  return { home, strataHome, cwd };
}
type Sandbox = ReturnType<typeof sandbox>;

const inBox = (box: Sandbox, env: Record<string, string>) => ({
  cwd: box.cwd,
  env: isolatedEnv(box.home, { STRATA_HOME: box.strataHome, ...env }),
});
const start = (box: Sandbox, args: string[], env: Record<string, string> = {}) =>
  startStrata(args, inBox(box, env));
const strata = (box: Sandbox, args: string[], env: Record<string, string> = {}) =>
  runStrata(args, inBox(box, env));

/** Credentials the emulator accepts; no endpoint: that comes from the settings under test. */
const aws = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };

describe('settings precedence: flag > environment > .env > config.json > default', () => {
  it('resolves each layer over the ones below it', async () => {
    const config = sandbox('layers', { model: 'from-config' }, 'STRATA_MODEL=from-dotenv\n');
    const bare = sandbox('bare');
    const [env, dotenv, file, builtIn] = await Promise.all([
      strata(config, ['config', 'get', 'model'], { STRATA_MODEL: 'from-env' }),
      strata(config, ['config', 'get', 'model']),
      strata({ ...config, cwd: config.strataHome }, ['config', 'get', 'model']),
      strata(bare, ['config', 'get', 'model']),
    ]);
    expect(env.stdout).toBe('from-env\n');
    expect(dotenv.stdout).toBe('from-dotenv\n');
    expect(file.stdout).toBe('from-config\n');
    expect(builtIn.stdout).toBe('claude-sonnet-3.5\n');
  }, 60_000);

  it('.env never overrides a variable already set, and a malformed line is skipped with a warning', async () => {
    const box = sandbox(
      'dotenv',
      {},
      'AWS_REGION=eu-west-1\nthis line is not an assignment hunter2\nSTRATA_HOST="10.0.0.1"\nexport STRATA_PORT=9191\n',
    );
    const { code, stdout, stderr } = await strata(box, ['config', 'list', '--json'], {
      AWS_REGION: 'us-west-2',
    });
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { key: string; value: unknown; source: string; variable?: string }[];
    const get = (key: string) => rows.find((r) => r.key === key);
    expect(get('region')).toMatchObject({ value: 'us-west-2', source: 'env', variable: 'AWS_REGION' });
    expect(get('host')).toMatchObject({ value: '10.0.0.1', source: '.env' });
    expect(get('port')).toMatchObject({ value: 9191, source: '.env' });
    expect(stderr).toMatch(/\.env: line 2 is not KEY=value and was ignored/);
    expect(stderr).not.toContain('hunter2');
  }, 30_000);

  it('config.json changes what chat does: its endpoint and model are used, and each layer above wins', async () => {
    const box = sandbox('chat', { endpoint: emulator.url, model: 'claude-haiku-3' });
    const chat = (args: string[], env: Record<string, string> = {}) =>
      strata(box, ['chat', '--no-tools', ...args, 'hello'], { ...aws, ...env });
    const fromConfig = await chat([]);
    expect(fromConfig.stderr).not.toMatch(/built-in Bedrock emulator/);
    expect(fromConfig.stdout).toBe('haiku heard: hello\n');

    writeFileSync(join(box.cwd, '.env'), 'STRATA_MODEL=nova-lite\n');
    const [dotenv, env, flag] = await Promise.all([
      chat([]),
      chat([], { STRATA_MODEL: 'nova-pro' }),
      chat(['--model', 'claude-sonnet-3.5'], { STRATA_MODEL: 'nova-pro' }),
    ]);
    expect(dotenv.stdout).toBe('nova-lite heard: hello\n');
    expect(env.stdout).toBe('nova-pro heard: hello\n');
    expect(flag.stdout).toBe('sonnet heard: hello\n');
  }, 90_000);

  it('doctor says which layer gave the region', async () => {
    const box = sandbox('doctor', { region: 'eu-west-1', endpoint: emulator.url, model: 'claude-haiku-3' });
    const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    const [config, flag] = await Promise.all([
      strata(box, ['doctor'], env),
      strata(box, ['doctor', '--region', 'us-east-1'], env),
    ]);
    expect(config.stdout).toMatch(/^ok +region: eu-west-1 \(from config\)$/m);
    expect(flag.stdout).toMatch(/^ok +region: us-east-1 \(from flag\)$/m);
    expect(flag.stdout).toMatch(/^ok +model claude-haiku-3: invocable/m);
    expect(flag.code).toBe(0);
  }, 60_000);
});

describe('the database settings', () => {
  it('keys and cost use STRATA_HOME, or the data-dir setting, as serve does', async () => {
    const box = sandbox('data');
    const elsewhere = join(box.home, 'elsewhere');
    expect((await strata(box, ['keys', 'create', 'ci'])).code).toBe(0);
    expect(existsSync(join(box.strataHome, 'strata.db'))).toBe(true);
    writeFileSync(join(box.strataHome, 'config.json'), JSON.stringify({ 'data-dir': elsewhere }));
    const cost = await strata(box, ['cost', '--json']);
    expect(cost.code).toBe(0);
    expect(existsSync(join(elsewhere, 'strata.db'))).toBe(true);
  }, 60_000);

  it('serve listens where the settings say, with the emulator they ask for', async () => {
    const dataDir = join(root, 'serve-data');
    const box = sandbox('serve', { emulator: true, port: 0, host: '127.0.0.1', 'data-dir': dataDir });
    const child = start(box, ['serve', '--quiet'], aws);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const exited = once(child, 'exit');
    while (!stdout.includes('\n')) {
      const early = await Promise.race([once(child.stdout, 'data'), exited.then(() => 'exit')]);
      if (early === 'exit') throw new Error(`serve exited before listening:\n${stderr}`);
    }
    expect(stdout).toMatch(
      /^Strata listening on http:\/\/127\.0\.0\.1:\d+ \(emulator: replies are emulated by the built-in Bedrock emulator\)\n$/,
    );
    expect(stdout).not.toContain(':8080');
    expect(existsSync(join(dataDir, 'strata.db'))).toBe(true);
    child.kill('SIGTERM');
    await exited;
  }, 60_000);
});
