import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, eventsOf, harness } from '../test-support/harness.js';
import type { AgentEvent } from './events.js';
import { runAgent } from './run-agent.js';

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness([
    {
      match: { lastUserText: '^read the notes$', hasToolResult: false },
      reply: { text: 'Reading.', toolCalls: [{ name: 'Read', input: { path: 'notes.txt' } }] },
    },
    { match: { lastToolResult: '\\d+\\t(.+)' }, reply: { text: 'The notes say: $1' } },
  ]);
});
afterAll(() => h.close());

describe('runAgent on a model that calls tools only through Converse', () => {
  it('completes a tool loop on Llama 3.1, whose ConverseStream Bedrock refuses with tools', async () => {
    writeFileSync(join(h.workspace, 'notes.txt'), 'ship on Friday\n');
    h.emulator.resetStats();
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: 'meta.llama3-1-70b-instruct-v1:0',
        messages: ask('read the notes'),
        workspace: h.workspace,
        policy: { allow: [{ tool: 'Read' }] },
      }),
    );
    const done = events.at(-1) as Extract<AgentEvent, { type: 'done' }>;
    expect(done.stopReason).toBe('end_turn');
    expect(done.messages.at(-1)?.content).toEqual([{ type: 'text', text: 'The notes say: ship on Friday' }]);
    expect(events.some((e) => e.type === 'tool-result' && e.tool === 'Read' && e.status === 'ok')).toBe(true);
    // Both turns offered tools, so both asked Converse; the emulator refuses ConverseStream here as Bedrock does.
    expect(h.emulator.stats.byOperation).toEqual({ Converse: 2 });
  });
});
