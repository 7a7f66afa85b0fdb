import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TOKEN, type RunningHttpServer, startHttpServer } from '../mcp/fixtures/http-server.js';
import { ask, eventsOf, harness, MODEL } from '../test-support/harness.js';
import { runAgent } from './run-agent.js';

const STDIO_FIXTURE = fileURLToPath(new URL('../mcp/fixtures/stdio-server.mjs', import.meta.url));

let h: Awaited<ReturnType<typeof harness>>;
let http: RunningHttpServer;

beforeAll(async () => {
  h = await harness([
    {
      match: {
        lastUserText: '^use both servers$',
        hasToolResult: false,
        toolsOffered: ['local__echo', 'remote__greet'],
      },
      reply: {
        toolCalls: [
          { name: 'local__echo', input: { text: 'from stdio' } },
          { name: 'remote__greet', input: { who: 'Bedrock' } },
        ],
      },
    },
    { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tools said: $1' } },
  ]);
  http = await startHttpServer();
});
afterAll(async () => {
  await http.close();
  await h.close();
});

describe('runAgent with MCP servers', () => {
  it('discovers tools over stdio and HTTP, namespaced, and runs them through approval', async () => {
    const approved: string[] = [];
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('use both servers'),
        workspace: h.workspace,
        tools: [],
        mcpServers: [
          { name: 'local', transport: 'stdio', command: process.execPath, args: [STDIO_FIXTURE] },
          {
            name: 'remote',
            transport: 'http',
            url: http.url,
            headers: { authorization: `Bearer ${HTTP_TOKEN}` },
          },
        ],
        approve: async (request) => {
          approved.push(request.tool);
          return { decision: 'allow' };
        },
      }),
    );
    expect(approved).toEqual(['local__echo', 'remote__greet']);
    // Events arrive as calls finish (they run in parallel); the history keeps the model's order.
    const results = events.flatMap((e) => (e.type === 'tool-result' ? [[e.tool, e.status, e.content]] : []));
    expect(results).toHaveLength(2);
    expect(results).toEqual(
      expect.arrayContaining([
        ['local__echo', 'ok', [{ type: 'text', text: 'from stdio' }]],
        ['remote__greet', 'ok', [{ type: 'text', text: 'Hello, Bedrock!' }]],
      ]),
    );
    const done = events.at(-1);
    expect(done).toMatchObject({ type: 'done', stopReason: 'end_turn' });
    const fed = done?.type === 'done' ? done.messages[2]?.content : [];
    expect(fed?.map((b) => (b.type === 'tool-result' ? b.content : []))).toEqual([
      [{ type: 'text', text: 'from stdio' }],
      [{ type: 'text', text: 'Hello, Bedrock!' }],
    ]);
    expect(done?.type === 'done' && done.messages.at(-1)?.content[0]).toMatchObject({
      text: expect.stringContaining('Hello, Bedrock!'),
    });
  });
});
