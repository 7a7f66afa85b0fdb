import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** A refused value; the message completes "<key> …", e.g. "must be a whole number from 0 to 65535". */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** The settings' value types, by key. Keys are the commands' flag names without the dashes. */
export interface SettingValues {
  model: string;
  system: string;
  region: string;
  profile: string;
  endpoint: string;
  emulator: boolean;
  workspace: string;
  host: string;
  port: number;
  'data-dir': string;
  database: string;
  'rate-limit': number;
  'rate-limit-burst': number;
  'approval-timeout': number;
}
export type SettingKey = keyof SettingValues;

/** An environment variable a setting reads; `read` picks the value out of one holding more (a list). */
export type EnvSource = string | { name: string; read(raw: string): string | undefined };

export interface SettingSpec<T> {
  description: string;
  /** The commands whose flag of the same name it is the default of. */
  usedBy: string;
  /** The allowed values, in words, and one of them, for errors and help. */
  allowed: string;
  example: string;
  /** The JSON type config.json holds it as. */
  type: 'string' | 'number' | 'boolean';
  /** First set wins: STRATA_<KEY>, then the variables the AWS tools and Strata already read. */
  env: readonly EnvSource[];
  parse(raw: string): T;
  default?(home: string): T;
  /** What happens when it has no value and no default. */
  fallback?: string;
}

const nonEmpty = (what: string) => (raw: string) => {
  const value = raw.trim();
  if (!value || /\s/.test(value)) throw new ValueError(`must be ${what}, without spaces`);
  return value;
};

/** Paths are made absolute when read, so a value set from one directory means the same from another. */
const path = (raw: string) => {
  const value = raw.trim();
  if (!value) throw new ValueError('must be a directory path');
  if (value === '~' || value.startsWith('~/')) return join(homedir(), value.slice(1));
  return resolve(value);
};

/**
 * BEDROCK_MODEL_ARNS's first entry: the library's modelIdsFromEnv rule (comma-separated, trimmed, blanks
 * skipped), applied here because importing the library would load it for every command, `config` too.
 */
const firstModelId = (raw: string): string | undefined =>
  raw
    .split(',')
    .map((entry) => entry.trim())
    .find((entry) => entry !== '');

/** A whole number of at least 1, as the gateway's limits take. */
const positiveInteger = (what: string) => (raw: string) => {
  const n = Number(raw.trim());
  if (!raw.trim() || !Number.isInteger(n) || n < 1) throw new ValueError(`must be ${what}`);
  return n;
};

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

export const SETTINGS: { [K in SettingKey]: SettingSpec<SettingValues[K]> } = {
  model: {
    description: 'the model to use',
    usedBy: 'chat, doctor, cost estimate',
    allowed: 'a model ID, alias, inference profile or ARN (see `strata models`)',
    example: 'claude-haiku-3',
    type: 'string',
    // BEDROCK_MODEL_ARNS lists models; its first is the one to use (doctor checks them all).
    env: ['STRATA_MODEL', { name: 'BEDROCK_MODEL_ARNS', read: firstModelId }],
    parse: nonEmpty('a model ID, alias, inference profile or ARN'),
    default: () => 'claude-sonnet-3.5',
  },
  system: {
    description: 'a system prompt',
    usedBy: 'chat, serve',
    allowed: 'any text',
    example: '"Answer briefly."',
    type: 'string',
    env: ['STRATA_SYSTEM'],
    parse: (raw) => {
      if (!raw.trim()) throw new ValueError('must not be empty (unset it instead)');
      return raw;
    },
    fallback: 'none',
  },
  region: {
    description: 'the AWS region',
    usedBy: 'chat, serve, doctor, models',
    allowed: 'an AWS region such as us-east-1 or eu-west-3',
    example: 'eu-west-1',
    type: 'string',
    env: ['STRATA_REGION', 'AWS_REGION', 'AWS_DEFAULT_REGION'],
    parse: (raw) => {
      const value = raw.trim();
      if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value))
        throw new ValueError('must be an AWS region such as us-east-1 or eu-west-3');
      return value;
    },
    fallback: "the AWS profile's region, else us-east-1",
  },
  profile: {
    description: 'the AWS shared-config profile to take credentials from',
    usedBy: 'chat, serve, doctor, models',
    allowed: 'a profile name from ~/.aws/config',
    example: 'dev',
    type: 'string',
    env: ['STRATA_PROFILE', 'AWS_PROFILE'],
    parse: nonEmpty('a profile name from ~/.aws/config'),
    fallback: "the AWS SDK's default credential chain",
  },
  endpoint: {
    description: 'the Bedrock endpoint URL (a VPC endpoint, a proxy, an emulator)',
    usedBy: 'chat, serve, doctor, models',
    allowed: 'an http:// or https:// URL, e.g. http://127.0.0.1:4010',
    example: 'http://127.0.0.1:4010',
    type: 'string',
    env: ['STRATA_ENDPOINT', 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_ENDPOINT_URL'],
    parse: (raw) => {
      const value = raw.trim();
      let protocol = '';
      try {
        protocol = new URL(value).protocol;
      } catch {
        // Not a URL: refused below.
      }
      if (protocol !== 'http:' && protocol !== 'https:')
        throw new ValueError('must be an http:// or https:// URL, e.g. http://127.0.0.1:4010');
      return value;
    },
    fallback: "Bedrock's regional endpoint",
  },
  emulator: {
    description: 'true: always answer from the built-in emulator (false: only without AWS credentials)',
    usedBy: 'chat, serve',
    allowed: 'true or false',
    example: 'true',
    type: 'boolean',
    env: ['STRATA_EMULATOR'],
    parse: (raw) => {
      const value = raw.trim().toLowerCase();
      if (TRUE.includes(value)) return true;
      if (FALSE.includes(value)) return false;
      throw new ValueError('must be true or false');
    },
    default: () => false,
  },
  workspace: {
    description: "the directory the agent's tools work in",
    usedBy: 'chat, serve',
    allowed: 'a directory path',
    example: '~/code',
    type: 'string',
    env: ['STRATA_WORKSPACE'],
    parse: path,
    fallback: 'the current directory',
  },
  host: {
    description: 'the address the gateway listens on',
    usedBy: 'serve',
    allowed: 'a host name or IP address',
    example: '0.0.0.0',
    type: 'string',
    env: ['STRATA_HOST'],
    parse: nonEmpty('a host name or IP address'),
    default: () => '127.0.0.1',
  },
  port: {
    description: 'the port the gateway listens on (0 picks a free one)',
    usedBy: 'serve',
    allowed: 'a whole number from 0 to 65535',
    example: '9090',
    type: 'number',
    env: ['STRATA_PORT'],
    parse: (raw) => {
      const n = Number(raw.trim());
      if (!raw.trim() || !Number.isInteger(n) || n < 0 || n > 65_535)
        throw new ValueError('must be a whole number from 0 to 65535');
      return n;
    },
    default: () => 8080,
  },
  'data-dir': {
    description: "where the gateway's SQLite database (strata.db) lives",
    usedBy: 'serve, cost, keys',
    allowed: 'a directory path',
    example: '~/.strata',
    type: 'string',
    env: ['STRATA_DATA_DIR'],
    parse: path,
    default: (home) => home,
  },
  database: {
    description: 'a PostgreSQL URL (or SQLite file) to use instead of data-dir/strata.db',
    usedBy: 'serve, cost, keys',
    allowed: 'postgres://…, postgresql://…, sqlite:<path> or a file path',
    example: 'postgres://strata@localhost/strata',
    type: 'string',
    env: ['STRATA_DATABASE', 'DATABASE_URL'],
    parse: (raw) => {
      const value = raw.trim();
      if (/^(postgres(ql)?:\/\/|sqlite:)/i.test(value) || value === ':memory:') return value;
      // Only the scheme is quoted: the rest of a URL may hold a password.
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
      if (scheme || !value)
        throw new ValueError(
          `must be postgres://…, postgresql://…, sqlite:<path> or a file path${scheme ? ` (not ${scheme}://…)` : ''}`,
        );
      return path(value);
    },
    fallback: 'SQLite in data-dir',
  },
  'rate-limit': {
    description: 'requests a minute each API key (each client IP when the gateway is open) may make',
    usedBy: 'serve',
    allowed: 'a whole number of requests a minute, from 1',
    example: '120',
    type: 'number',
    env: ['STRATA_RATE_LIMIT'],
    parse: positiveInteger('a whole number of requests a minute, from 1'),
    fallback: 'unlimited',
  },
  'rate-limit-burst': {
    description: 'with rate-limit, how many requests may come back to back',
    usedBy: 'serve',
    allowed: 'a whole number of requests, from 1',
    example: '20',
    type: 'number',
    env: ['STRATA_RATE_LIMIT_BURST'],
    parse: positiveInteger('a whole number of requests, from 1'),
    fallback: 'a minute of requests (rate-limit)',
  },
  'approval-timeout': {
    description: 'seconds a tool approval waits for an answer before it counts as denied',
    usedBy: 'serve',
    allowed: 'a number of seconds above 0, at most 604800 (a week)',
    example: '300',
    type: 'number',
    env: ['STRATA_APPROVAL_TIMEOUT'],
    parse: (raw) => {
      const n = Number(raw.trim());
      if (!raw.trim() || !Number.isFinite(n) || n <= 0 || n > 604_800)
        throw new ValueError('must be a number of seconds above 0, at most 604800 (a week)');
      return n;
    },
    fallback: '1800 (30 minutes)',
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

export const envName = (source: EnvSource) => (typeof source === 'string' ? source : source.name);

/** Edits (insert, delete, substitute) between two words, to suggest the key a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/** "Unknown setting …" with the nearest key (modle → model, dataDir → data-dir) and every key. */
export function unknownKeyMessage(key: string): string {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const [near] = SETTING_KEYS.map((k) => ({ k, d: distance(squash(k), squash(key)) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)
    .map(({ k }) => k);
  return `Unknown setting "${key}"${near ? ` (did you mean "${near}"?)` : ''}. The settings are: ${SETTING_KEYS.join(', ')}.`;
}
