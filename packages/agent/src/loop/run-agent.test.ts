import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ask, eventsOf, harness, MODEL } from '../test-support/harness.js';
import { defineTool } from '../tools/index.js';
import type { AgentEvent } from './events.js';
import { runAgent } from './run-agent.js';

let h: Awaited<ReturnType<typeof harness>>;

beforeAll(async () => {
  h = await harness([
    // A three-step task: read, edit, check with Bash, answer from what Bash printed.
    {
      match: { lastUserText: '^fix the greeting$', hasToolResult: false },
      reply: { text: 'Reading.', toolCalls: [{ name: 'Read', input: { path: 'greet.txt' } }] },
    },
    {
      match: { lastToolResult: '\\d+\\tHello world' },
      reply: {
        toolCalls: [
          { name: 'Edit', input: { path: 'greet.txt', old_string: 'world', new_string: 'Strata' } },
        ],
      },
    },
    {
      match: { lastToolResult: '^Edited greet.txt' },
      reply: { toolCalls: [{ name: 'Bash', input: { command: 'cat greet.txt' } }] },
    },
    { match: { lastToolResult: '^(Hello Strata)\\n' }, reply: { text: 'The greeting now reads: $1' } },
    // Parallel calls.
    {
      match: { lastUserText: '^both at once$', hasToolResult: false },
      reply: {
        toolCalls: [
          { name: 'slow', input: { label: 'a', ms: 300 } },
          { name: 'slow', input: { label: 'b', ms: 50 } },
        ],
      },
    },
    // Cache: read, read again, write, read.
    {
      match: { lastUserText: '^cache please$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'Read', input: { path: 'data.txt' } }] },
    },
    {
      match: { lastToolResult: 'version one', hasToolResult: true },
      reply: { toolCalls: [{ name: 'Read', input: { path: 'data.txt' } }] },
      times: 1,
    },
    {
      match: { lastToolResult: 'version one' },
      reply: { toolCalls: [{ name: 'Write', input: { path: 'data.txt', content: 'version two' } }] },
      times: 1,
    },
    {
      match: { lastToolResult: '^Overwrote data.txt' },
      reply: { toolCalls: [{ name: 'Read', input: { path: 'data.txt' } }] },
    },
    { match: { lastToolResult: 'version two' }, reply: { text: 'cache checked' } },
    // A model that never stops asking for tools.
    {
      match: { lastUserText: '^loop forever$' },
      reply: { toolCalls: [{ name: 'Glob', input: { pattern: '*.txt' } }] },
    },
    // Escapes, errors, zero-argument calls.
    {
      match: { lastUserText: '^escape (.+)$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'Read', input: { path: '$1' } }] },
    },
    {
      match: { lastUserText: '^break it$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'explode', input: {} }] },
    },
    {
      match: { lastUserText: '^what time$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'clock' }] },
    },
    {
      match: { lastUserText: '^sleep now$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'Bash', input: { command: 'echo $$ > pid.txt; exec sleep 30' } }] },
    },
    // Whatever the tools said, acknowledge it, so each test's last turn ends.
    { match: { lastToolResult: '[\\s\\S]*' }, reply: { text: 'Noted: $0' } },
  ]);
});
afterAll(() => h.close());

const allowAll = { allow: [{ tool: '*' }] };
const resultsOf = (events: AgentEvent[]) => events.filter((e) => e.type === 'tool-result');
const doneOf = (events: AgentEvent[]) => events.at(-1) as Extract<AgentEvent, { type: 'done' }>;

describe('runAgent', () => {
  it('reaches the answer over a Read → Edit → Bash loop', async () => {
    writeFileSync(join(h.workspace, 'greet.txt'), 'Hello world\n');
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('fix the greeting'),
        workspace: h.workspace,
        policy: allowAll,
      }),
    );
    const done = doneOf(events);
    expect(done.stopReason).toBe('end_turn');
    expect(done.iterations).toBe(4);
    expect(readFileSync(join(h.workspace, 'greet.txt'), 'utf8')).toBe('Hello Strata\n');
    expect(resultsOf(events).map((e) => (e.type === 'tool-result' ? [e.tool, e.status] : []))).toEqual([
      ['Read', 'ok'],
      ['Edit', 'ok'],
      ['Bash', 'ok'],
    ]);
    expect(done.messages.at(-1)?.content).toEqual([
      { type: 'text', text: 'The greeting now reads: Hello Strata' },
    ]);
    expect(done.messages).toHaveLength(1 + 2 * 3 + 1);
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    expect(done.cost.total).toBeGreaterThan(0);
  });

  it('runs independent calls of one turn concurrently, results in the model order', async () => {
    const spans: Record<string, [number, number]> = {};
    const slow = defineTool({
      name: 'slow',
      description: 'Waits, then answers with its label',
      inputSchema: z.object({ label: z.string(), ms: z.number() }),
      readOnly: true,
      handler: async ({ label, ms }) => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, ms));
        spans[label] = [start, Date.now()];
        return `done ${label}`;
      },
    });
    const run = (parallel: boolean) =>
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('both at once'),
        workspace: h.workspace,
        tools: [slow],
        parallel,
        cacheToolResults: false,
      }).result();
    const done = await run(true);
    expect(spans.b?.[0]).toBeLessThan(spans.a?.[1] ?? 0);
    const results = done.messages[2]?.content.map((b) =>
      b.type === 'tool-result' ? b.content[0] : undefined,
    );
    expect(results).toEqual([
      { type: 'text', text: 'done a' },
      { type: 'text', text: 'done b' },
    ]);
    await run(false);
    expect(spans.b?.[0]).toBeGreaterThanOrEqual(spans.a?.[1] ?? Number.POSITIVE_INFINITY);
  });

  it('caches a repeated Read and misses after a Write to the same file', async () => {
    writeFileSync(join(h.workspace, 'data.txt'), 'version one');
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('cache please'),
        workspace: h.workspace,
        policy: allowAll,
      }),
    );
    const reads = resultsOf(events).map((e) => (e.type === 'tool-result' ? `${e.tool}:${e.cached}` : ''));
    expect(reads).toEqual(['Read:false', 'Read:true', 'Write:false', 'Read:false']);
    expect(doneOf(events).messages.at(-1)?.content).toEqual([{ type: 'text', text: 'cache checked' }]);
  });

  it('stops at maxIterations with a history that can be continued', async () => {
    const done = await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('loop forever'),
      workspace: h.workspace,
      maxIterations: 3,
    }).result();
    expect(done.stopReason).toBe('max_iterations');
    expect(done.iterations).toBe(3);
    expect(done.messages).toHaveLength(7);
    expect(done.messages.at(-1)?.content[0]).toMatchObject({ type: 'tool-result' });
  });

  it.each([
    ['..', '../outside.txt'],
    ['an absolute path', '/etc/hostname'],
    ['a symlink', 'link/secret.txt'],
  ])('refuses a sandbox escape through %s', async (_how, path) => {
    symlinkSync('/etc', join(h.workspace, 'link'), 'dir');
    try {
      const done = await runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask(`escape ${path}`),
        workspace: h.workspace,
      }).result();
      expect(done.messages[2]?.content[0]).toMatchObject({
        status: 'error',
        content: [{ type: 'text', text: expect.stringMatching(/outside the workspace/) }],
      });
    } finally {
      (await import('node:fs')).rmSync(join(h.workspace, 'link'));
    }
  });

  it('feeds a thrown tool error back to the model', async () => {
    const explode = defineTool({
      name: 'explode',
      description: 'Always fails',
      inputSchema: { type: 'object', properties: {} },
      handler: () => {
        throw new Error('kaboom');
      },
    });
    const done = await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('break it'),
      workspace: h.workspace,
      tools: [explode],
    }).result();
    expect(done.stopReason).toBe('end_turn');
    expect(done.messages[2]?.content[0]).toMatchObject({
      status: 'error',
      content: [{ text: expect.stringContaining('kaboom') }],
    });
    expect(done.messages.at(-1)?.content[0]).toMatchObject({ text: expect.stringContaining('kaboom') });
  });

  it('passes {} to a tool called without arguments', async () => {
    let received: unknown;
    const clock = defineTool({
      name: 'clock',
      description: 'The time',
      inputSchema: { type: 'object', properties: {} },
      handler: (input) => {
        received = input;
        return '12:00';
      },
    });
    await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('what time'),
      workspace: h.workspace,
      tools: [clock],
    }).result();
    expect(received).toEqual({});
  });

  it('abort mid-Bash kills the child and ends the run as aborted', async () => {
    const controller = new AbortController();
    const run = runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('sleep now'),
      workspace: h.workspace,
      policy: allowAll,
      signal: controller.signal,
    });
    const events: AgentEvent[] = [];
    for await (const event of run) {
      events.push(event);
      if (event.type === 'tool-start') {
        const pidFile = join(h.workspace, 'pid.txt');
        for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 20));
        setTimeout(() => controller.abort(), 50);
      }
    }
    expect(doneOf(events).stopReason).toBe('aborted');
    const pid = Number(readFileSync(join(h.workspace, 'pid.txt'), 'utf8'));
    await new Promise((r) => setTimeout(r, 300));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('refuses a model without tool support before any call', async () => {
    h.emulator.resetStats();
    await expect(
      runAgent({
        bedrock: h.bedrock,
        model: 'amazon.titan-text-express-v1',
        messages: ask('x'),
        workspace: h.workspace,
      }).result(),
    ).rejects.toThrow(/does not support tool use/);
    expect(h.emulator.stats.requests).toBe(0);
  });
});

describe('runAgent without tools', () => {
  it('chats with a model that has no tool support when no tools are offered', async () => {
    const done = await runAgent({
      bedrock: h.bedrock,
      model: 'amazon.titan-text-express-v1',
      messages: ask('plain chat'),
      workspace: h.workspace,
      tools: [],
    }).result();
    expect(done.stopReason).toBe('end_turn');
    expect(done.messages.at(-1)?.content).toEqual([{ type: 'text', text: 'plain chat' }]);
  });
});
