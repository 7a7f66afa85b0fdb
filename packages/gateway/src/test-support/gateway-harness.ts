import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBedrock } from '@strata/bedrock';
import { type RunningEmulator, type ScriptRule, startEmulator } from '@strata/emulator';
import { createGateway, type Gateway, type GatewayOptions } from '../server/create-gateway.js';
import { type DatabaseTarget, openStore } from '../storage/index.js';
import type { Store } from '../storage/types.js';

/** The databases the gateway suite runs on: SQLite always, PostgreSQL when CI provides one. */
export function testTargets(): { name: string; target: (dir: string) => DatabaseTarget }[] {
  const targets: { name: string; target: (dir: string) => DatabaseTarget }[] = [
    { name: 'sqlite', target: (dir) => ({ kind: 'sqlite', path: join(dir, 'strata.db') }) },
  ];
  const url = process.env.STRATA_TEST_DATABASE_URL;
  if (url) targets.push({ name: 'postgres', target: () => ({ kind: 'postgres', url }) });
  return targets;
}

export interface Harness {
  url: string;
  emulator: RunningEmulator;
  gateway: Gateway;
  store: Store;
  workspace: string;
  close(): Promise<void>;
}

export async function startGateway(
  target: (dir: string) => DatabaseTarget,
  options: {
    rules?: ScriptRule[];
    apiKeys?: string[];
    webRoot?: string;
    rateLimit?: GatewayOptions['rateLimit'];
    redisUrl?: string;
    otlpEndpoint?: string;
    approvalTimeoutMs?: number;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-gw-'));
  const workspace = join(dir, 'workspace');
  (await import('node:fs')).mkdirSync(workspace);
  const emulator = await startEmulator({ port: 0, script: { rules: options.rules ?? [] } });
  const store = await openStore(target(dir));
  const bedrock = createBedrock({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const gateway = await createGateway({
    store,
    bedrock,
    workspace,
    emulator: true,
    apiKeys: options.apiKeys ?? [],
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.otlpEndpoint ? { otlpEndpoint: options.otlpEndpoint } : {}),
    ...(options.approvalTimeoutMs ? { approvalTimeoutMs: options.approvalTimeoutMs } : {}),
  });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    emulator,
    gateway,
    store,
    workspace,
    async close() {
      await gateway.close();
      await store.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SseEvent {
  id?: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a Server-Sent Events response to its end (or until `stop` says so), parsed. */
export async function readSse(response: Response, stop?: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const reader = response.body?.getReader();
  if (!reader) return events;
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const fields = Object.fromEntries(
        block
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const event: SseEvent = {
        event: fields.event ?? 'message',
        data: JSON.parse(fields.data ?? '{}'),
        ...(fields.id ? { id: Number(fields.id) } : {}),
      };
      events.push(event);
      if (stop?.(event)) {
        await reader.cancel();
        return events;
      }
    }
  }
  return events;
}

export function api(url: string, key?: string) {
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const json = { ...auth, 'content-type': 'application/json' };
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, { method, headers: json, body: JSON.stringify(body ?? {}) });
  return {
    get: (path: string) => fetch(`${url}${path}`, { headers: auth }),
    post: (path: string, body?: unknown) => send('POST', path, body),
    patch: (path: string, body: unknown) => send('PATCH', path, body),
    put: (path: string, body: unknown) => send('PUT', path, body),
    delete: (path: string) => fetch(`${url}${path}`, { method: 'DELETE', headers: auth }),
  };
}
