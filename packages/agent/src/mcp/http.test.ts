import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../sandbox/workspace.js';
import type { AgentTool, ToolContext } from '../tools/tool.js';
import { HTTP_TOKEN, type RunningHttpServer, startHttpServer } from './fixtures/http-server.js';
import type { McpServerConfig } from './mcp-config.js';
import { McpToolSource } from './tool-source.js';

let workspace: Workspace;
const context = (): ToolContext => ({ workspace, signal: new AbortController().signal });

const http = (url: string, headers: Record<string, string> = { authorization: `Bearer ${HTTP_TOKEN}` }) =>
  ({ name: 'web', transport: 'http', url, headers }) satisfies McpServerConfig;

function find(source: McpToolSource, name: string): AgentTool {
  const tool = source.tools().find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in ${source.tools().map((t) => t.name)}`);
  return tool;
}

describe('MCP over Streamable HTTP', () => {
  let server: RunningHttpServer;
  let source: McpToolSource;

  beforeAll(async () => {
    workspace = await Workspace.open(tmpdir());
    server = await startHttpServer();
    source = await McpToolSource.connect([http(server.url)]);
  });
  afterAll(async () => {
    await source.close();
    await server.close();
  });

  it('discovers every page of tools, namespaced', () => {
    expect(source.tools().map((t) => t.name)).toEqual([
      'web__greet',
      'web__lookup',
      'web__oops',
      'web__gone',
    ]);
    expect(find(source, 'web__lookup')).toMatchObject({
      description: '[web] Look up',
      readOnly: true,
      dangerous: false,
      inputSchema: { type: 'object', properties: { key: { type: 'string' } } },
    });
    expect(find(source, 'web__greet')).toMatchObject({ readOnly: false, dangerous: true });
  });

  it('calls tools', async () => {
    expect(await find(source, 'web__greet').execute({ who: 'Ada' }, context())).toEqual({
      content: [{ type: 'text', text: 'Hello, Ada!' }],
    });
    expect(await find(source, 'web__lookup').execute({ key: 'k' }, context())).toEqual({
      content: [{ type: 'json', json: { key: 'k', value: 42 } }],
    });
    expect(await find(source, 'web__oops').execute({}, context())).toEqual({
      content: [{ type: 'text', text: 'nope' }],
      isError: true,
    });
  });

  it('reports a protocol-level refusal as a ToolError', async () => {
    await expect(find(source, 'web__gone').execute({}, context())).rejects.toMatchObject({
      name: 'ToolError',
      message: 'The MCP server "web" refused the call: Tool gone not found (MCP error -32602)',
    });
  });
});

describe('MCP over Streamable HTTP, failures', () => {
  beforeAll(async () => {
    workspace = await Workspace.open(tmpdir());
  });

  it('names the server and the HTTP status when the server turns the client away', async () => {
    const server = await startHttpServer();
    try {
      await expect(McpToolSource.connect([http(server.url, {})])).rejects.toThrow(
        /^Could not connect to MCP server "web" at http:\/\/127\.0\.0\.1:\d+\/mcp: .*unauthorized \(HTTP 401\)$/,
      );
    } finally {
      await server.close();
    }
  });

  it('names the server when the connection is refused', async () => {
    const server = await startHttpServer();
    await server.close();
    await expect(McpToolSource.connect([http(server.url)])).rejects.toThrow(
      /^Could not connect to MCP server "web" at .*ECONNREFUSED/,
    );
  });

  it('turns a server that went away into a ToolError', async () => {
    const server = await startHttpServer();
    const source = await McpToolSource.connect([http(server.url)]);
    await server.close();
    try {
      await expect(find(source, 'web__greet').execute({ who: 'x' }, context())).rejects.toMatchObject({
        name: 'ToolError',
        message: expect.stringMatching(/^The MCP server "web" could not be reached: fetch failed: /),
      });
    } finally {
      await source.close();
    }
  });
});
