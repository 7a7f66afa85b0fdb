import type { HealthReport } from '@strata/bedrock';
import { Command } from 'commander';
import { awsSettings } from '../config/bedrock-options.js';
import { describeSource, type Settings } from '../config/settings.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

const FIXES: Record<string, string> = {
  authentication_error:
    'Check the credentials in use (shown above). For SSO run `aws sso login --profile <name>`; for keys, check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.',
  access_denied:
    'Enable the model under Bedrock → Model access in the AWS console for this region, and allow bedrock:InvokeModel* and bedrock:Converse* in IAM.',
  model_not_found:
    'Check the model ID and that the model is offered in this region (`strata models --region <r>`).',
  on_demand_not_supported:
    'Use the inference profile Strata names (e.g. us.<model id>); bare IDs of profile-only models are routed for you.',
  rate_limited: 'Wait and retry, or request a higher quota in Service Quotas.',
};

/** Minutes between this machine's clock and the endpoint's `Date` header: SigV4 fails beyond 5. */
async function clockSkew(endpoint: string): Promise<number | undefined> {
  try {
    const res = await fetch(endpoint, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    const date = res.headers.get('date');
    return date ? (Date.now() - Date.parse(date)) / 60_000 : undefined;
  } catch {
    return undefined;
  }
}

/** The models to check: the flag's, else every one in BEDROCK_MODEL_ARNS when that is the source, else the setting. */
function modelsToCheck(
  settings: Settings,
  flag: string[] | undefined,
  modelIdsFromEnv: (value: string | undefined) => string[],
): string[] {
  if (flag) return flag;
  const model = settings.resolve('model');
  if (model.variable === 'BEDROCK_MODEL_ARNS') return modelIdsFromEnv(process.env.BEDROCK_MODEL_ARNS);
  return model.value ? [model.value] : [];
}

export function doctorCommand(settings: Settings): Command {
  return new Command('doctor')
    .description('Check that Bedrock can be used from here, and explain how to fix what cannot.')
    .option('--region <region>', 'the region to check')
    .option(
      '--model <id...>',
      'models to check access to (default: the model setting, or BEDROCK_MODEL_ARNS)',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ strata doctor\n  $ strata doctor --region eu-west-1 --model claude-sonnet-3.5 nova-pro\n\nThe region, profile, endpoint and model default to the settings (see `strata config list`).',
    )
    .action(async (flags: { region?: string; model?: string[]; json?: boolean }) => {
      const aws = awsSettings(settings, flags);
      const { createBedrock, modelIdsFromEnv } = await import('@strata/bedrock');
      const models = modelsToCheck(settings, flags.model, modelIdsFromEnv);
      const bedrock = createBedrock({
        ...aws.options,
        maxRetries: 0,
        timeouts: { firstByteMs: 10_000, totalMs: 30_000 },
      });
      const checks: Check[] = [];
      const auth = await bedrock.describeAuth();
      checks.push({
        name: 'credentials',
        ok: auth.method === 'bearer' || auth.accessKeyId !== undefined,
        detail: `${auth.method} from ${auth.source}${auth.profile ? ` (profile ${auth.profile})` : ''}${auth.accessKeyId ? `, key ${auth.accessKeyId}` : ''}${auth.expiration ? `, expires ${auth.expiration.toISOString()}` : ''}`,
        ...(auth.method === 'sigv4' && !auth.accessKeyId
          ? {
              fix: 'No AWS credentials could be loaded: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, run `aws sso login`, or use a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK). Without AWS: `strata chat --emulator`.',
            }
          : {}),
      });
      // An option is the CLI's own setting: say which (a flag, config.json, STRATA_REGION).
      const regionSource = auth.regionSource === 'option' ? describeSource(aws.region) : auth.regionSource;
      checks.push({ name: 'region', ok: true, detail: `${auth.region} (from ${regionSource})` });
      const endpoint =
        aws.options.endpoint ??
        process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ??
        process.env.AWS_ENDPOINT_URL ??
        `https://bedrock-runtime.${auth.region}.amazonaws.com`;
      const skew = await clockSkew(endpoint);
      if (skew !== undefined) {
        checks.push({
          name: 'clock',
          ok: Math.abs(skew) < 5,
          detail: `${skew >= 0 ? '+' : ''}${skew.toFixed(1)} min from ${new URL(endpoint).host}`,
          ...(Math.abs(skew) >= 5
            ? {
                fix: 'Sync the system clock (e.g. enable NTP): AWS rejects signatures more than 5 minutes off.',
              }
            : {}),
        });
      }
      const proxy = process.env.HTTPS_PROXY ?? process.env.https_proxy;
      checks.push({
        name: 'network',
        ok: true,
        detail: `${proxy ? `proxy ${new URL(proxy).host}` : 'no proxy'}${process.env.NODE_EXTRA_CA_CERTS ? `, extra CA ${process.env.NODE_EXTRA_CA_CERTS}` : ''}${process.env.NO_PROXY ? `, NO_PROXY ${process.env.NO_PROXY}` : ''}`,
      });
      let report: HealthReport | undefined;
      try {
        report = await bedrock.health({ models });
      } catch (error) {
        checks.push({ name: 'bedrock', ok: false, detail: (error as Error).message });
      }
      if (report) {
        checks.push({
          name: 'bedrock',
          ok: report.reachable,
          detail: report.reachable ? `reachable in ${report.latencyMs} ms` : (report.error ?? 'unreachable'),
          ...(!report.reachable
            ? { fix: 'Check the network, proxy and endpoint; and the credentials above.' }
            : {}),
        });
        for (const model of report.models) {
          const code = /^(\w+):/.exec(model.detail)?.[1];
          const routed = model.ok && /routed through an inference profile/.test(model.detail);
          checks.push({
            name: `model ${model.model}`,
            ok: model.ok,
            detail: `${model.detail}${routed ? ' — on-demand is not offered for it here' : ''}`,
            ...(!model.ok && code && FIXES[code] ? { fix: FIXES[code] } : {}),
          });
        }
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
      else {
        for (const check of checks) {
          process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
          if (check.fix) process.stdout.write(`      fix: ${check.fix}\n`);
        }
      }
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });
}
