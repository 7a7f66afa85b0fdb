import type { ModelListing, REGISTRY } from '@strata/bedrock';
import { Command } from 'commander';
import { awsSettings } from '../config/bedrock-options.js';
import type { Settings } from '../config/settings.js';
import { formatTable } from '../output/table.js';

const price = (n: number | undefined) => (n === undefined ? '–' : `$${n}`);
const thousands = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

function capabilities(m: ModelListing | (typeof REGISTRY)[number]): string {
  const c = m.capabilities;
  return [
    c.tools && 'tools',
    c.images && 'images',
    c.documents && 'docs',
    c.reasoning !== 'none' && 'reasoning',
    c.cachePoints && 'cache',
  ]
    .filter(Boolean)
    .join(' ');
}

export function modelsCommand(settings: Settings): Command {
  return new Command('models')
    .description('List the models Strata knows: aliases, context, output limit, capabilities and prices.')
    .option('--provider <name>', 'only this provider (e.g. Anthropic, Amazon, Meta)')
    .option('--region <region>', 'resolve and price for this region, and ask its control plane')
    .option('--offline', 'the bundled registry only; do not ask the control plane')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ strata models\n  $ strata models --provider Anthropic --json\n  $ strata models --region eu-west-1',
    )
    .action(async (flags: { provider?: string; region?: string; offline?: boolean; json?: boolean }) => {
      const { createBedrock, REGISTRY } = await import('@strata/bedrock');
      const models: (ModelListing | (typeof REGISTRY)[number])[] = flags.offline
        ? [...REGISTRY]
        : await createBedrock({
            ...awsSettings(settings, flags).options,
            maxRetries: 0,
            timeouts: { firstByteMs: 5000 },
          }).listModels();
      const wanted = models.filter(
        (m) => !flags.provider || m.provider.toLowerCase() === flags.provider.toLowerCase(),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(wanted, null, 2)}\n`);
        return;
      }
      const rows = wanted.map((m) => [
        'baseModelId' in m ? m.baseModelId : m.id,
        m.aliases[0] ?? '',
        thousands(m.contextWindow),
        thousands(m.maxOutputTokens),
        capabilities(m),
        `${price(m.price.input)}/${price(m.price.output)}`,
        'listed' in m && m.listed !== undefined ? (m.listed ? 'yes' : 'no') : '',
      ]);
      process.stdout.write(
        formatTable(['model', 'alias', 'context', 'output', 'capabilities', 'per 1M in/out', 'listed'], rows),
      );
    });
}
