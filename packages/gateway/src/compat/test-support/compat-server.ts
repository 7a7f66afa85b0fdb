import { createBedrock } from '@strata/bedrock';
import { type RunningEmulator, type ScriptRule, startEmulator } from '@strata/emulator';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAnthropicRoutes } from '../../anthropic/routes.js';
import { registerOpenAiRoutes } from '../../openai/routes.js';
import type { CompatDeps, UsageReport } from '../deps.js';

export const MODEL = 'claude-haiku-3';
export const REASONING_MODEL = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';

/** A 1×1 PNG: the library checks an image's type from its bytes. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * The replies both official-client suites script: a weather question asks for the get_weather tool,
 * a tool result gets the answer, and "explode" breaks the stream after three events.
 */
export const CLIENT_RULES: ScriptRule[] = [
  {
    match: { lastUserText: 'weather in (\\w+)', hasToolResult: false, toolsOffered: ['get_weather'] },
    reply: { text: 'Let me check.', toolCalls: [{ name: 'get_weather', input: { city: '$1' } }] },
  },
  { match: { hasToolResult: true }, reply: { text: 'It is sunny.' } },
  { match: { lastUserText: 'explode' }, fault: 'stream-exception;type=modelStreamErrorException;after=3' },
];

export interface CompatServer {
  url: string;
  app: FastifyInstance;
  emulator: RunningEmulator;
  usage: UsageReport[];
  close(): Promise<void>;
}

/**
 * The emulator scripted with `rules`, a Bedrock client for it with retries off (so faults surface
 * at once), and a Fastify app serving both compat APIs on a free port.
 */
export async function startCompatServer(rules: ScriptRule[] = []): Promise<CompatServer> {
  const emulator = await startEmulator({ port: 0, script: { rules } });
  const bedrock = createBedrock({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxRetries: 0,
  });
  const usage: UsageReport[] = [];
  const deps: CompatDeps = {
    bedrock,
    onUsage: (record) => {
      usage.push(record);
    },
    apiKeyIdOf: () => 'key-1',
    listModels: async () => [
      { id: MODEL, ownedBy: 'anthropic' },
      { id: REASONING_MODEL, ownedBy: 'anthropic', created: 1_740_000_000 },
    ],
  };
  const app = Fastify();
  registerOpenAiRoutes(app, deps);
  registerAnthropicRoutes(app, deps);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    emulator,
    usage,
    async close() {
      await app.close();
      await emulator.close();
    },
  };
}
