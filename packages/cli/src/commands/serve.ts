import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { awsSettings } from '../config/bedrock-options.js';
import { SETTINGS, type SettingKey, type SettingValues } from '../config/setting-specs.js';
import type { Settings } from '../config/settings.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535.');
  return n;
};

/** A flag's value through its setting's own check, so a flag and config.json refuse the same values alike. */
const checked =
  (key: 'rate-limit' | 'rate-limit-burst' | 'approval-timeout') =>
  (value: string): number => {
    try {
      return SETTINGS[key].parse(value);
    } catch (error) {
      throw new InvalidArgumentError(`${(error as Error).message}.`);
    }
  };

interface ServeFlags {
  host?: string;
  port?: number;
  dataDir?: string;
  database?: string;
  emulator?: boolean;
  system?: string;
  apiKey?: string[];
  workspace?: string;
  config?: string;
  quiet?: boolean;
  rateLimit?: number;
  rateLimitBurst?: number;
  approvalTimeout?: number;
}

/** The keys a `--config FILE` sets: it outranks config.json for them (the gateway reports a bad file itself). */
function keysIn(file: string | undefined): Set<string> {
  if (!file) return new Set();
  try {
    return new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object));
  } catch {
    return new Set();
  }
}

export function serveCommand(settings: Settings): Command {
  return new Command('serve')
    .description('Run the Strata gateway: the web chat, its API, and OpenAI/Anthropic-compatible endpoints.')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default 8080)', port)
    .option('--data-dir <dir>', 'where the SQLite database lives (default ~/.strata, or STRATA_HOME)')
    .option('--database <url>', 'postgres://… to use PostgreSQL instead (or DATABASE_URL)')
    .option('--emulator', 'answer from the built-in Bedrock emulator instead of AWS')
    .option(
      '--no-emulator',
      'override an emulator setting of true (it still answers without AWS credentials)',
    )
    .option('--system <prompt>', 'a system prompt for conversations that set none')
    .option('--api-key <key>', 'require this API key (repeatable; or STRATA_API_KEYS)', collect)
    .option('--workspace <dir>', "the directory the agent's tools work in (default: the current directory)")
    .option(
      '--config <file>',
      'a JSON file of gateway settings (flags and env override it; it overrides config.json)',
    )
    .option(
      '--rate-limit <n>',
      'requests a minute per API key, or client IP (default unlimited)',
      checked('rate-limit'),
    )
    .option(
      '--rate-limit-burst <n>',
      'with --rate-limit, requests allowed back to back (default a minute of them)',
      checked('rate-limit-burst'),
    )
    .option(
      '--approval-timeout <seconds>',
      'how long a tool approval waits for an answer before it is denied (default 1800)',
      checked('approval-timeout'),
    )
    .option('--quiet', 'no request logs')
    .addHelpText(
      'after',
      `
Examples:
  $ strata serve                          # AWS credentials found: real Bedrock; none: the emulator
  $ strata serve --emulator --port 0
  $ strata serve --database postgres://strata@localhost/strata --api-key "$STRATA_KEY"

Defaults for --host, --port, --data-dir, --database, --emulator, --system, --workspace, --rate-limit,
--rate-limit-burst and --approval-timeout (and the region, profile and endpoint) come from the environment,
.env and \`strata config\`; see \`strata config --help\`.`,
    )
    .action(async (flags: ServeFlags) => {
      const { loadServeConfig, startServer } = await import('@strata/gateway');
      const inFile = keysIn(flags.config);
      const setting = <K extends SettingKey>(key: K, name: string, flag?: SettingValues[K]) => {
        const { value, source } = settings.resolve(key, flag);
        if (value === undefined) return {};
        if ((source === 'config' || source === 'default') && inFile.has(name)) return {};
        return { [name]: value };
      };
      const aws = awsSettings(settings);
      // The gateway reads the profile and endpoint from the environment only.
      if (aws.options.profile) process.env.AWS_PROFILE = aws.options.profile;
      if (aws.options.endpoint) process.env.AWS_ENDPOINT_URL = aws.options.endpoint;
      const config = loadServeConfig({
        ...setting('host', 'host', flags.host),
        ...setting('port', 'port', flags.port),
        ...setting('data-dir', 'dataDir', flags.dataDir),
        ...setting('database', 'database', flags.database),
        ...setting('emulator', 'emulator', flags.emulator),
        ...setting('system', 'system', flags.system),
        ...setting('workspace', 'workspace', flags.workspace),
        ...setting('region', 'region'),
        ...setting('rate-limit', 'rateLimitPerMinute', flags.rateLimit),
        ...setting('rate-limit-burst', 'rateLimitBurst', flags.rateLimitBurst),
        ...setting('approval-timeout', 'approvalTimeoutSeconds', flags.approvalTimeout),
        ...(flags.apiKey ? { apiKeys: flags.apiKey } : {}),
        ...(flags.config ? { config: flags.config } : {}),
        ...(flags.quiet ? { logLevel: 'silent' } : {}),
      });
      const server = await startServer(config, { logger: !flags.quiet });
      const note = server.emulatorUrl
        ? ` (emulator: replies are emulated by the built-in Bedrock emulator${config.emulator ? '' : ' because no AWS credentials were found'})`
        : '';
      process.stdout.write(`Strata listening on ${server.url}${note}\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
