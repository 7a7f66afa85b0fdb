import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { redact } from './redact.js';
import {
  isSettingKey,
  SETTINGS,
  type SettingKey,
  type SettingValues,
  unknownKeyMessage,
  ValueError,
} from './setting-specs.js';

/**
 * Strata's own directory: STRATA_HOME, else ~/.strata — where the gateway keeps strata.db by default, so the
 * config and the database it points at sit together.
 */
export function strataHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.STRATA_HOME?.trim();
  if (!home) return join(homedir(), '.strata');
  return home === '~' || home.startsWith('~/') ? join(homedir(), home.slice(1)) : resolve(home);
}

export const configPath = (home: string) => join(home, 'config.json');

const fixHint = (path: string) =>
  `Fix the file, or delete it to start over (\`strata config path\` shows where it is: ${path}).`;

/** The file as written, unvalidated (so `set` and `unset` can repair it); `{}` when there is none. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
  }
  if (!text.trim()) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${jsonProblem(error as Error, text)}. ${fixHint(path)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`${path} must hold a JSON object, like {"model": "claude-haiku-3"}. ${fixHint(path)}`);
  return data as Record<string, unknown>;
}

/** V8's message, without the quoted source it sometimes adds (it may hold a password), and with a line number. */
function jsonProblem(error: Error, text: string): string {
  const message = error.message.replace(/, ".*" is not valid JSON$/s, '');
  const at = /at position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*/, '')} at line ${line}, column ${column}`;
}

/** Checks every entry; the first bad one stops the command, saying which key and how to fix it. */
export function validateConfig(path: string, data: Record<string, unknown>): Partial<SettingValues> {
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (!isSettingKey(key))
      throw new Error(`${path}: ${unknownKeyMessage(key)} Remove it with \`strata config unset ${key}\`.`);
    values[key] = checkValue(path, key, raw);
  }
  return values as Partial<SettingValues>;
}

function checkValue(path: string, key: SettingKey, raw: unknown): unknown {
  const spec = SETTINGS[key];
  const fix = `Fix it with \`strata config set ${key} <value>\` or remove it with \`strata config unset ${key}\`.`;
  if (typeof raw !== spec.type)
    throw new Error(`${path}: "${key}" must be a JSON ${spec.type} (${spec.allowed}). ${fix}`);
  try {
    return spec.parse(String(raw));
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    throw new Error(`${path}: "${key}" ${error.message} (it is ${redact(JSON.stringify(raw))}). ${fix}`);
  }
}

/**
 * Replaces the file in one step — a temporary file beside it, renamed over it — so a crash or a concurrent
 * reader never sees half a file; readable by its owner only, as it may name a database with its password.
 */
export function writeConfigFile(path: string, data: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    // The mode above only applies when the file is created; a stale temporary may have another.
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new Error(`Cannot write ${path}: ${(error as Error).message}`);
  }
}
