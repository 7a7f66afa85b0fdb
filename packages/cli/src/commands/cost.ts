import { Command, InvalidArgumentError } from 'commander';
import type { Settings } from '../config/settings.js';
import { formatTable } from '../output/table.js';
import { withStore } from '../store/with-store.js';

const count = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number of tokens.');
  return n;
};

export function costCommand(settings: Settings): Command {
  const cost = new Command('cost')
    .description("Spending: the gateway's usage ledger, or an estimate for a number of tokens.")
    .enablePositionalOptions()
    .option('--since <date>', 'from this day (YYYY-MM-DD)')
    .option('--by <group>', 'model, day or conversation', 'model')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .option('--data-dir <dir>', "the gateway's data directory (default: the data-dir setting, ~/.strata)")
    .option('--database <url>', 'postgres://… (or DATABASE_URL)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ strata cost --by day --since 2026-11-01\n  $ strata cost estimate --model claude-sonnet-3.5 --input 12000 --output 800',
    )
    .action(
      async (flags: {
        since?: string;
        by: string;
        csv?: boolean;
        json?: boolean;
        dataDir?: string;
        database?: string;
      }) => {
        if (!['model', 'day', 'conversation'].includes(flags.by))
          throw new InvalidArgumentError('--by must be model, day or conversation.');
        if (flags.since && !/^\d{4}-\d{2}-\d{2}$/.test(flags.since))
          throw new InvalidArgumentError('--since must be a date, YYYY-MM-DD.');
        await withStore(settings, flags, async (store) => {
          const rows = await store.usage.report({
            by: flags.by as 'model' | 'day' | 'conversation',
            ...(flags.since ? { since: flags.since } : {}),
          });
          if (flags.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          if (flags.csv) {
            process.stdout.write(`${flags.by},requests,input_tokens,output_tokens,cost_usd\n`);
            for (const r of rows)
              process.stdout.write(
                `${r.key},${r.requests},${r.inputTokens},${r.outputTokens},${r.costUsd}\n`,
              );
            return;
          }
          const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
          process.stdout.write(
            formatTable(
              [flags.by, 'requests', 'input', 'output', 'cost'],
              [
                ...rows.map((r) => [
                  r.key || '(api)',
                  String(r.requests),
                  String(r.inputTokens),
                  String(r.outputTokens),
                  `$${r.costUsd.toFixed(6)}`,
                ]),
                ['total', '', '', '', `$${total.toFixed(6)}`],
              ],
            ),
          );
        });
      },
    )
    .addCommand(
      new Command('estimate')
        .description(
          'What a number of tokens costs on a model (us-east-1 on-demand prices, profile pricing applied).',
        )
        .option('--model <id>', 'any model ID, alias, profile or ARN (default: the model setting)')
        .requiredOption('--input <n>', 'input tokens', count)
        .requiredOption('--output <n>', 'output tokens', count)
        .option('--cache-read <n>', 'cache-read input tokens', count, 0)
        .option('--cache-write <n>', 'cache-write input tokens', count, 0)
        .option('--json', 'print JSON')
        .action(
          async (flags: {
            model?: string;
            input: number;
            output: number;
            cacheRead: number;
            cacheWrite: number;
            json?: boolean;
          }) => {
            const { createBedrock, estimateCost } = await import('@strata/bedrock');
            // Resolving offline: no credentials or network are needed for an estimate.
            const model = await createBedrock({
              region: 'us-east-1',
              credentials: { accessKeyId: 'offline', secretAccessKey: 'offline' },
            }).resolveModel(settings.need('model', flags.model));
            const result = estimateCost(
              {
                inputTokens: flags.input,
                outputTokens: flags.output,
                cacheReadInputTokens: flags.cacheRead,
                cacheWriteInputTokens: flags.cacheWrite,
              },
              model,
            );
            if (flags.json)
              return void process.stdout.write(
                `${JSON.stringify({ model: model.baseModelId, ...result }, null, 2)}\n`,
              );
            process.stdout.write(
              `${model.name} (${model.invokeId}): $${result.total.toFixed(6)} — input $${result.input.toFixed(6)}, output $${result.output.toFixed(6)}, cache read $${result.cacheRead.toFixed(6)}, cache write $${result.cacheWrite.toFixed(6)}\n`,
            );
          },
        ),
    );
  return cost;
}
