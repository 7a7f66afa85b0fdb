import { configPath, readConfigFile, strataHome, validateConfig } from './config-file.js';
import { redact } from './redact.js';
import { envName, SETTINGS, type SettingKey, type SettingValues, ValueError } from './setting-specs.js';

export type Source = 'flag' | 'env' | '.env' | 'config' | 'default';

export interface Resolved<T> {
  value: T | undefined;
  /** Undefined when nothing sets it and it has no default. */
  source: Source | undefined;
  /** The environment variable it came from, for env and .env. */
  variable?: string;
}

/** `flag`, `config`, `default`, `env:STRATA_MODEL`, `.env:AWS_REGION` — how a value's origin is shown. */
export const describeSource = (r: Resolved<unknown>): string =>
  r.source === 'env' || r.source === '.env' ? `${r.source}:${r.variable}` : (r.source ?? 'unset');

/**
 * The effective settings. Precedence: a command-line flag, then the environment (a variable set in the shell
 * beats one from .env, which never overrides), then config.json, then the built-in default.
 */
export class Settings {
  readonly home: string;
  readonly file: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly dotenvKeys: ReadonlySet<string>;
  private config?: Partial<SettingValues>;

  constructor(options: { env?: NodeJS.ProcessEnv; dotenvKeys?: ReadonlySet<string> } = {}) {
    this.env = options.env ?? process.env;
    this.dotenvKeys = options.dotenvKeys ?? new Set();
    this.home = strataHome(this.env);
    this.file = configPath(this.home);
  }

  /** config.json, validated; read once, and only by commands that need it. */
  fileValues(): Partial<SettingValues> {
    this.config ??= validateConfig(this.file, readConfigFile(this.file));
    return this.config;
  }

  /** The variable that sets `key`, if any is set (an empty one counts as unset, as in most tools). */
  envVariable(key: SettingKey): { name: string; value: string; fromDotEnv: boolean } | undefined {
    for (const source of SETTINGS[key].env) {
      const name = envName(source);
      const raw = this.env[name];
      const value = raw && typeof source !== 'string' ? source.read(raw) : raw;
      if (value?.trim()) return { name, value, fromDotEnv: this.dotenvKeys.has(name) };
    }
    return undefined;
  }

  resolve<K extends SettingKey>(key: K, flag?: SettingValues[K]): Resolved<SettingValues[K]> {
    if (flag !== undefined) return { value: flag, source: 'flag' };
    const spec = SETTINGS[key];
    const variable = this.envVariable(key);
    if (variable) {
      const { name, value, fromDotEnv } = variable;
      try {
        return { value: spec.parse(value), source: fromDotEnv ? '.env' : 'env', variable: name };
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        throw new Error(
          `The ${key} setting from ${name}${fromDotEnv ? ' (in .env)' : ''} ${error.message} (it is "${redact(value)}"). Fix or unset ${name}.`,
        );
      }
    }
    const fromFile = this.fileValues()[key];
    if (fromFile !== undefined) return { value: fromFile, source: 'config' };
    if (spec.default) return { value: spec.default(this.home), source: 'default' };
    return { value: undefined, source: undefined };
  }

  get<K extends SettingKey>(key: K, flag?: SettingValues[K]): SettingValues[K] | undefined {
    return this.resolve(key, flag).value;
  }

  /** For a setting with a default: never undefined. */
  need<K extends SettingKey>(key: K, flag?: SettingValues[K]): SettingValues[K] {
    const value = this.get(key, flag);
    if (value === undefined)
      throw new Error(`The ${key} setting has no value: \`strata config set ${key} …\`.`);
    return value;
  }
}
