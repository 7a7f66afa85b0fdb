import type { EmulatorCredential } from '@strata/emulator';
import { Command, InvalidArgumentError, Option } from 'commander';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535.');
  return n;
};

const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer.');
  return n;
};

interface EmulatorFlags {
  host: string;
  port: number;
  script?: string;
  faults?: string;
  seed: number;
  accessKeyId: string;
  secretAccessKey: string;
  anyCredentials?: boolean;
  apiKey?: string[];
  record?: string;
  upstream?: string;
  replay?: string;
  tls?: boolean;
  region: string;
  streamDelay: number;
  verbose?: boolean;
}

export function emulatorCommand(): Command {
  return new Command('emulator')
    .description('Run a local, wire-accurate AWS Bedrock Runtime (and the control-plane calls Strata uses).')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4010)
    .option('--region <region>', 'region the emulator answers as', 'us-east-1')
    .option('--script <file>', 'JSON file of reply rules, application inference profiles and denied models')
    .option('--faults <spec>', 'seeded fault rates, e.g. throttle=0.1,internal=0.05')
    .option('--seed <n>', 'seed for fault rates', integer, 1)
    .option('--access-key-id <id>', 'SigV4 access key id to accept', 'test')
    .option('--secret-access-key <secret>', 'SigV4 secret access key to accept', 'test')
    .option('--any-credentials', 'accept any access key id')
    .option(
      '--api-key <key...>',
      'Bedrock API keys to accept as Bearer tokens (default: any well-formed key)',
    )
    .option('--record <dir>', 'proxy to --upstream and store each exchange in DIR')
    .option(
      '--upstream <url>',
      'the real endpoint for --record, e.g. https://bedrock-runtime.us-east-1.amazonaws.com',
    )
    .option('--replay <dir>', 'answer from exchanges stored by --record')
    .option('--tls', 'serve HTTPS with a generated self-signed certificate')
    .option('--stream-delay <ms>', 'pause between streamed events', integer, 0)
    .addOption(new Option('--verbose', 'log one line per request to stderr'))
    .addHelpText(
      'after',
      `
Examples:
  $ strata emulator
  $ strata emulator --port 0 --faults throttle=0.1 --seed 7
  $ strata emulator --record ./fixtures --upstream https://bedrock-runtime.us-east-1.amazonaws.com
  $ strata emulator --replay ./fixtures

Point any client at it: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test and endpoint http://127.0.0.1:4010.`,
    )
    .action(async (flags: EmulatorFlags) => {
      if (flags.record && !flags.upstream)
        throw new Error('--record needs --upstream URL (the real Bedrock endpoint).');
      if (flags.record && flags.replay) throw new Error('--record and --replay cannot be used together.');
      const credentials: EmulatorCredential[] = [
        { accessKeyId: flags.accessKeyId, secretAccessKey: flags.secretAccessKey },
      ];
      const { startEmulator } = await import('@strata/emulator');
      const emulator = await startEmulator({
        host: flags.host,
        port: flags.port,
        region: flags.region,
        seed: flags.seed,
        credentials,
        streamDelayMs: flags.streamDelay,
        ...(flags.script ? { script: flags.script } : {}),
        ...(flags.faults ? { faults: flags.faults } : {}),
        ...(flags.anyCredentials ? { anyCredentials: true } : {}),
        ...(flags.apiKey ? { apiKeys: flags.apiKey } : {}),
        ...(flags.record && flags.upstream
          ? { record: { dir: flags.record, upstream: flags.upstream } }
          : {}),
        ...(flags.replay ? { replay: flags.replay } : {}),
        ...(flags.tls ? { tls: true } : {}),
        ...(flags.verbose ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
      });
      process.stdout.write(`Strata Bedrock emulator listening on ${emulator.url}\n`);
      const stop = () => {
        void emulator.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
