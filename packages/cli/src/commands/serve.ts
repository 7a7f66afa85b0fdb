import { loadServeConfig, startServer } from '@strata/gateway';
import { Command, InvalidArgumentError } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535.');
  return n;
};

interface ServeFlags {
  host?: string;
  port?: number;
  dataDir?: string;
  database?: string;
  emulator?: boolean;
  apiKey?: string[];
  workspace?: string;
  config?: string;
  quiet?: boolean;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the Strata gateway: the web chat, its API, and OpenAI/Anthropic-compatible endpoints.')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default 8080)', port)
    .option('--data-dir <dir>', 'where the SQLite database lives (default ~/.strata or STRATA_DATA_DIR)')
    .option('--database <url>', 'postgres://… to use PostgreSQL instead (or DATABASE_URL)')
    .option('--emulator', 'answer from the built-in Bedrock emulator instead of AWS')
    .option('--api-key <key>', 'require this API key (repeatable; or STRATA_API_KEYS)', collect)
    .option('--workspace <dir>', "the directory the agent's tools work in (default: the current directory)")
    .option('--config <file>', 'a JSON file of settings (flags and env override it)')
    .option('--quiet', 'no request logs')
    .addHelpText(
      'after',
      `
Examples:
  $ strata serve                          # AWS credentials found: real Bedrock; none: the emulator
  $ strata serve --emulator --port 0
  $ strata serve --database postgres://strata@localhost/strata --api-key "$STRATA_KEY"`,
    )
    .action(async (flags: ServeFlags) => {
      const config = loadServeConfig({
        ...(flags.host ? { host: flags.host } : {}),
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
        ...(flags.database ? { database: flags.database } : {}),
        ...(flags.emulator ? { emulator: true } : {}),
        ...(flags.apiKey ? { apiKeys: flags.apiKey } : {}),
        ...(flags.workspace ? { workspace: flags.workspace } : {}),
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
