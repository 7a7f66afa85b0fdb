import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runStrata } from '../test-support/strata-bin.js';

const root = mkdtempSync(join(tmpdir(), 'strata-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh HOME, STRATA_HOME and working directory, so tests neither see nor touch each other's files. */
function sandbox(name: string) {
  const home = join(root, name);
  const strataHome = join(home, 'strata-home');
  const cwd = join(home, 'project');
  mkdirSync(cwd, { recursive: true });
  return { home, strataHome, cwd, file: join(strataHome, 'config.json') };
}
type Sandbox = ReturnType<typeof sandbox>;

const strata = (box: Sandbox, args: string[], env: Record<string, string> = {}) =>
  runStrata(args, { cwd: box.cwd, env: isolatedEnv(box.home, { STRATA_HOME: box.strataHome, ...env }) });

interface Row {
  key: string;
  value: unknown;
  source: string | null;
  variable?: string;
}
const row = (stdout: string, key: string) => (JSON.parse(stdout) as Row[]).find((r) => r.key === key);

describe('strata config', () => {
  it('path: STRATA_HOME, else ~/.strata', async () => {
    const box = sandbox('path');
    const [moved, plain] = await Promise.all([
      strata(box, ['config', 'path']),
      strata({ ...box, strataHome: '' }, ['config', 'path']),
    ]);
    expect(moved.stdout).toBe(`${box.file}\n`);
    expect(plain.stdout).toBe(`${join(box.home, '.strata', 'config.json')}\n`);
  });

  it('set, get and unset round trip; the file is JSON, replaced whole, readable by its owner only', async () => {
    const box = sandbox('round-trip');
    expect((await strata(box, ['config', 'set', 'model', 'claude-haiku-3'])).code).toBe(0);
    const port = await strata(box, ['config', 'set', 'port', '9090']);
    expect(port.stdout).toBe(`port = 9090 (saved in ${box.file})\n`);
    expect(JSON.parse(readFileSync(box.file, 'utf8'))).toEqual({ model: 'claude-haiku-3', port: 9090 });
    expect(statSync(box.file).mode & 0o777).toBe(0o600);
    // The temporary file was renamed over the config, not left beside it.
    expect(readdirSync(box.strataHome)).toEqual(['config.json']);
    expect((await strata(box, ['config', 'get', 'model'])).stdout).toBe('claude-haiku-3\n');
    expect((await strata(box, ['config', 'unset', 'model'])).code).toBe(0);
    expect(JSON.parse(readFileSync(box.file, 'utf8'))).toEqual({ port: 9090 });
    const after = await strata(box, ['config', 'get', 'model']);
    expect(after.stdout).toBe('claude-sonnet-3.5\n');
  }, 90_000);

  it('list shows every effective value and where it came from', async () => {
    const box = sandbox('list');
    mkdirSync(box.strataHome, { recursive: true });
    writeFileSync(box.file, JSON.stringify({ model: 'nova-pro', host: '0.0.0.0', emulator: true }));
    writeFileSync(join(box.cwd, '.env'), 'STRATA_HOST=127.0.0.2\nAWS_PROFILE=from-dotenv\n');
    const env = { STRATA_REGION: 'eu-west-3' };
    const [json, text] = await Promise.all([
      strata(box, ['config', 'list', '--json'], env),
      strata(box, ['config', 'list'], env),
    ]);
    expect(json.code).toBe(0);
    expect(row(json.stdout, 'model')).toEqual({ key: 'model', value: 'nova-pro', source: 'config' });
    expect(row(json.stdout, 'emulator')).toMatchObject({ value: true, source: 'config' });
    expect(row(json.stdout, 'host')).toEqual({
      key: 'host',
      value: '127.0.0.2',
      source: '.env',
      variable: 'STRATA_HOST',
    });
    expect(row(json.stdout, 'profile')).toMatchObject({ value: 'from-dotenv', source: '.env' });
    expect(row(json.stdout, 'region')).toMatchObject({ value: 'eu-west-3', source: 'env' });
    expect(row(json.stdout, 'port')).toMatchObject({ value: 8080, source: 'default' });
    expect(row(json.stdout, 'data-dir')).toMatchObject({ value: box.strataHome, source: 'default' });
    expect(row(json.stdout, 'endpoint')).toMatchObject({ value: null, source: null });
    expect(text.stdout).toMatch(/^model +nova-pro +config$/m);
    expect(text.stdout).toMatch(/^host +127\.0\.0\.2 +\.env:STRATA_HOST$/m);
    expect(text.stdout).toMatch(/^region +eu-west-3 +env:STRATA_REGION$/m);
    expect(text.stdout).toMatch(/^port +8080 +default$/m);
    expect(text.stdout).toContain(`Config file: ${box.file}`);
  }, 60_000);

  it('refuses an unknown key or a bad value, naming it, the allowed ones and the fix', async () => {
    const box = sandbox('bad-input');
    const [key, value, variable] = await Promise.all([
      strata(box, ['config', 'set', 'modle', 'nova-pro']),
      strata(box, ['config', 'set', 'port', 'eighty']),
      strata(box, ['config', 'get', 'port'], { STRATA_PORT: '99999' }),
    ]);
    expect(key.code).toBe(1);
    expect(key.stderr).toMatch(/Unknown setting "modle" \(did you mean "model"\?\)/);
    expect(key.stderr).toMatch(/The settings are: model, system, region, .*data-dir, database/);
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(
      /Cannot set port: it must be a whole number from 0 to 65535 \(not "eighty"\)\. Example: strata config set port 9090/,
    );
    expect(variable.code).toBe(1);
    expect(variable.stderr).toMatch(/port setting from STRATA_PORT must be a whole number from 0 to 65535/);
    expect(existsSync(box.file)).toBe(false);
  }, 60_000);

  it('a corrupt or invalid config.json is named with its problem, no stack trace, and can be repaired', async () => {
    const box = sandbox('corrupt');
    mkdirSync(box.strataHome, { recursive: true });
    writeFileSync(box.file, '{\n  "model": "nova-pro",\n  "database": "postgres://u:hunter2@db/x",\n}\n');
    const corrupt = await strata(box, ['chat', 'hello']);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain(`${box.file} is not valid JSON:`);
    expect(corrupt.stderr).toMatch(/at line 4, column 1\. Fix the file, or delete it/);
    expect(corrupt.stderr).not.toMatch(/\n\s+at /);
    expect(corrupt.stderr).not.toContain('hunter2');

    writeFileSync(box.file, JSON.stringify({ modle: 'nova-pro', port: '80' }));
    const unknown = await strata(box, ['config', 'list']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown setting "modle".*Remove it with `strata config unset modle`/);
    expect((await strata(box, ['config', 'unset', 'modle'])).code).toBe(0);
    const badType = await strata(box, ['config', 'get', 'model']);
    expect(badType.stderr).toMatch(/"port" must be a JSON number \(a whole number from 0 to 65535\)/);
    expect(badType.stderr).toMatch(/strata config set port <value>.*strata config unset port/);
    expect((await strata(box, ['config', 'set', 'port', '80'])).code).toBe(0);
    expect((await strata(box, ['config', 'get', 'port'])).stdout).toBe('80\n');
  }, 90_000);

  it('never shows a password held in a setting', async () => {
    const box = sandbox('secret');
    const url = 'postgres://strata:hunter2@db.internal/strata';
    const set = await strata(box, ['config', 'set', 'database', url]);
    expect(set.stdout).toBe(`database = postgres://strata:****@db.internal/strata (saved in ${box.file})\n`);
    const [get, list, badScheme] = await Promise.all([
      strata(box, ['config', 'get', 'database']),
      strata(box, ['config', 'list', '--json']),
      strata(box, ['config', 'set', 'database', 'mysql://root:hunter2@db/x']),
    ]);
    expect(get.stdout).toBe('postgres://strata:****@db.internal/strata\n');
    expect(row(list.stdout, 'database')?.value).toBe('postgres://strata:****@db.internal/strata');
    expect(badScheme.stderr).toMatch(
      /must be postgres:\/\/…, postgresql:\/\/…, sqlite:<path> or a file path/,
    );
    for (const out of [set, get, list, badScheme]) expect(out.stdout + out.stderr).not.toContain('hunter2');
    expect(readFileSync(box.file, 'utf8')).toContain(url);
  }, 60_000);

  it('has --help with examples on every subcommand', async () => {
    const box = sandbox('help');
    const helps = await Promise.all(
      [[], ['path'], ['get'], ['set'], ['unset'], ['list']].map((sub) =>
        strata(box, ['config', ...sub, '--help']),
      ),
    );
    for (const help of helps) {
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Examples:\n {2}\$ strata config/);
    }
    expect(helps[0]?.stdout).toMatch(/Precedence: a command-line flag > the environment/);
    expect(helps[0]?.stdout).toMatch(/model +the model to use.*\n +env: STRATA_MODEL, BEDROCK_MODEL_ARNS/);
  }, 60_000);
});
