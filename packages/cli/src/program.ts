import { createRequire } from 'node:module';
import { Command } from 'commander';
import { chatCommand } from './commands/chat.js';
import { configCommand } from './commands/config.js';
import { costCommand } from './commands/cost.js';
import { doctorCommand } from './commands/doctor.js';
import { emulatorCommand } from './commands/emulator.js';
import { keysCommand } from './commands/keys.js';
import { modelsCommand } from './commands/models.js';
import { serveCommand } from './commands/serve.js';
import { Settings } from './config/settings.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * The `strata` command line. Commander: small, well kept, typed, with generated help. `settings` supplies the
 * defaults of flags not given (environment, .env, config.json).
 */
export function createProgram(settings = new Settings()): Command {
  const program = new Command('strata')
    .description('Strata: large language models on AWS Bedrock, from TypeScript.')
    .version(version, '-v, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    // A subcommand's options (e.g. cost estimate --json) belong to it, not to its parent.
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Examples:
  $ strata emulator                     a local Bedrock on http://127.0.0.1:4010 (no AWS account needed)
  $ strata emulator --port 0 --script rules.json
  $ strata serve                        the web chat and API on http://127.0.0.1:8080
  $ strata config set model claude-haiku-3   a default for every command (see strata config --help)`,
    );
  program.addCommand(emulatorCommand());
  program.addCommand(chatCommand(settings));
  program.addCommand(serveCommand(settings));
  program.addCommand(doctorCommand(settings));
  program.addCommand(modelsCommand(settings));
  program.addCommand(costCommand(settings));
  program.addCommand(keysCommand(settings));
  program.addCommand(configCommand(settings));
  return program;
}
