import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { closeSharedDispatchers, createBedrock, hasAwsCredentials } from '@strata/bedrock';
import type { ServeConfig } from '../config/serve-config.js';
import { databaseTarget, openStore } from '../storage/index.js';
import { createGateway, type Gateway } from './create-gateway.js';

export interface RunningServer {
  url: string;
  gateway: Gateway;
  /** Set when replies come from the built-in emulator rather than AWS. */
  emulatorUrl?: string;
  close(): Promise<void>;
}

/** The built chat page, if the web package is installed and built. */
function webRoot(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@strata/web/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything `strata serve` does: open the database (migrating it), pick Bedrock or — with `emulator`
 * or when no AWS credentials are configured — start the emulator in-process, and listen.
 */
export async function startServer(
  config: ServeConfig,
  options: { logger?: boolean } = {},
): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const store = await openStore(
    databaseTarget({ dataDir: config.dataDir, ...(config.database ? { database: config.database } : {}) }),
  );
  let emulator: { url: string; close(): Promise<void> } | undefined;
  if (config.emulator || !hasAwsCredentials()) {
    const { startEmulator } = await import('@strata/emulator');
    emulator = await startEmulator({ port: 0, ...(config.region ? { region: config.region } : {}) });
  }
  const bedrock = emulator
    ? createBedrock({
        endpoint: emulator.url,
        region: config.region ?? 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      })
    : createBedrock({ ...(config.region ? { region: config.region } : {}) });
  const root = webRoot();
  const gateway = await createGateway({
    store,
    bedrock,
    workspace: config.workspace,
    emulator: emulator !== undefined,
    apiKeys: config.apiKeys,
    corsOrigins: config.corsOrigins,
    ...(config.rateLimitPerMinute
      ? {
          rateLimit: {
            requestsPerMinute: config.rateLimitPerMinute,
            ...(config.rateLimitBurst ? { burst: config.rateLimitBurst } : {}),
          },
        }
      : {}),
    ...(config.approvalTimeoutSeconds ? { approvalTimeoutMs: config.approvalTimeoutSeconds * 1000 } : {}),
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    logger: options.logger ?? config.logLevel !== 'silent',
    ...(config.system ? { system: config.system } : {}),
    ...(root ? { webRoot: root } : {}),
    ...(config.otlpEndpoint ? { otlpEndpoint: config.otlpEndpoint } : {}),
  });
  const url = await gateway.listen(config.port, config.host);
  return {
    url,
    gateway,
    ...(emulator ? { emulatorUrl: emulator.url } : {}),
    async close() {
      await gateway.close();
      await store.close();
      await emulator?.close();
      await closeSharedDispatchers();
    },
  };
}
