import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBedrock, type Message } from '@strata/bedrock';
import { type RunningEmulator, type ScriptRule, startEmulator } from '@strata/emulator';
import type { AgentEvent } from '../loop/events.js';

/** An emulator scripted with `rules`, a client for it, and a fresh temp workspace. */
export async function harness(rules: ScriptRule[]) {
  const emulator: RunningEmulator = await startEmulator({ port: 0, script: { rules } });
  const workspace = mkdtempSync(join(tmpdir(), 'strata-agent-'));
  const bedrock = createBedrock({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    emulator,
    workspace,
    bedrock,
    async close() {
      await emulator.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

export const ask = (text: string): Message[] => [{ role: 'user', content: [{ type: 'text', text }] }];

export async function eventsOf(run: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const event of run) out.push(event);
  return out;
}

export const MODEL = 'claude-haiku-3';
