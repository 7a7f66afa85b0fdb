import { getEventListeners } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../sandbox/workspace.js';
import type { AgentTool, ToolContext } from '../tools/tool.js';
import type { McpServerConfig } from './mcp-config.js';
import { McpToolSource } from './tool-source.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stdio-server.mjs', import.meta.url));

const stdio = (name: string, extra: Partial<McpServerConfig> = {}): McpServerConfig =>
  ({ name, transport: 'stdio', command: process.execPath, args: [FIXTURE], ...extra }) as McpServerConfig;

let workspace: Workspace;
const context = (signal = new AbortController().signal): ToolContext => ({ workspace, signal });

function find(source: McpToolSource, name: string): AgentTool {
  const tool = source.tools().find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in ${source.tools().map((t) => t.name)}`);
  return tool;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('MCP over stdio', () => {
  let source: McpToolSource;
  let changes = 0;
  let changed: () => void = () => undefined;

  beforeAll(async () => {
    workspace = await Workspace.open(tmpdir());
    source = await McpToolSource.connect([stdio('local'), stdio('trusted', { dangerous: false })], {
      onChange: () => {
        changes++;
        changed();
      },
    });
  });
  afterAll(() => source.close());

  it('discovers the tools of every server, namespaced and valid for Bedrock', () => {
    const names = source.tools().map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['local__echo', 'local__add', 'local__dotted_name', 'trusted__echo']),
    );
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    const long = names.find((n) => n.startsWith('local__a_tool_with_a_very_long_name'));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/_[0-9a-f]{8}$/);
  });

  it('keeps the description and the input schema', () => {
    const echo = find(source, 'local__echo');
    expect(echo.description).toBe('[local] Echoes the text back.');
    expect(echo.inputSchema).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
    expect(find(source, 'local__fail').inputSchema).toMatchObject({ type: 'object' });
  });

  it('derives readOnly and dangerous from annotations and the server config', () => {
    expect(find(source, 'local__add')).toMatchObject({ readOnly: true, dangerous: false });
    expect(find(source, 'local__echo')).toMatchObject({ readOnly: false, dangerous: true });
    expect(find(source, 'trusted__echo')).toMatchObject({ readOnly: false, dangerous: false });
  });

  it('calls a tool', async () => {
    const output = await find(source, 'local__echo').execute({ text: 'hi there' }, context());
    expect(output).toEqual({ content: [{ type: 'text', text: 'hi there' }] });
  });

  it('returns structured content as json, without its text copy', async () => {
    const output = await find(source, 'local__add').execute({ a: 2, b: 3 }, context());
    expect(output).toEqual({ content: [{ type: 'json', json: { sum: 5 } }] });
  });

  it('maps images, resources and links', async () => {
    const output = await find(source, 'local__media').execute({}, context());
    expect(output).toEqual({
      content: [
        { type: 'text', text: 'here you go' },
        { type: 'image', format: 'png', source: { type: 'base64', data: 'iVBORw0KGgo=' } },
        { type: 'text', text: expect.stringContaining('image/svg+xml omitted') },
        { type: 'text', text: 'resource text' },
        { type: 'text', text: expect.stringContaining('file:///blob.bin') },
        { type: 'text', text: '[resource link: elsewhere <file:///elsewhere.md>]' },
      ],
    });
  });

  it('turns isError results and thrown handler errors into error outputs', async () => {
    expect(await find(source, 'local__fail').execute({}, context())).toEqual({
      content: [{ type: 'text', text: 'it failed on purpose' }],
      isError: true,
    });
    expect(await find(source, 'local__boom').execute({}, context())).toEqual({
      content: [{ type: 'text', text: 'kaboom' }],
      isError: true,
    });
  });

  it("passes on the server's input validation error", async () => {
    expect(await find(source, 'local__echo').execute({ text: 5 }, context())).toEqual({
      content: [{ type: 'text', text: expect.stringContaining('Input validation error') }],
      isError: true,
    });
  });

  it('says when a result is empty', async () => {
    expect(await find(source, 'local__empty').execute({}, context())).toEqual({
      content: [{ type: 'text', text: '(the tool returned no content)' }],
    });
  });

  it('picks up tools added at runtime and reports the change', async () => {
    const before = changes;
    const notified = new Promise<void>((resolve) => {
      changed = resolve;
    });
    await find(source, 'local__make_tool').execute({ name: 'fresh' }, context());
    await notified;
    expect(changes).toBe(before + 1);
    expect(await find(source, 'local__fresh').execute({}, context())).toEqual({
      content: [{ type: 'text', text: 'I am fresh' }],
    });
    expect(source.tools().some((t) => t.name === 'trusted__fresh')).toBe(false);
  });

  it('cancels a call when the run is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const started = Date.now();
    const call = find(source, 'local__slow').execute({ ms: 10_000 }, context(controller.signal));
    setTimeout(() => controller.abort(reason), 50);
    await expect(call).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The connection is still usable afterwards, and a finished call leaves no listener behind.
    const signal = new AbortController().signal;
    await find(source, 'local__echo').execute({ text: 'done' }, { workspace, signal });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(await find(source, 'local__echo').execute({ text: 'still here' }, context())).toEqual({
      content: [{ type: 'text', text: 'still here' }],
    });
  });
});

describe('MCP over stdio, failures', () => {
  it('fails a call that exceeds the timeout with a ToolError', async () => {
    const source = await McpToolSource.connect([stdio('timed', { timeoutMs: 200 })]);
    try {
      const call = find(source, 'timed__slow').execute({ ms: 5_000 }, context());
      await expect(call).rejects.toMatchObject({
        name: 'ToolError',
        message: 'The MCP tool timed__slow did not answer within 0.2 s.',
      });
    } finally {
      await source.close();
    }
  });

  it('turns a server crash into ToolErrors that quote its stderr', async () => {
    const source = await McpToolSource.connect([stdio('fragile')]);
    try {
      const error = await find(source, 'fragile__crash')
        .execute({}, context())
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ToolError' });
      expect((error as Error).message).toMatch(/^The MCP server "fragile" is no longer running/);
      expect((error as Error).message).toContain('crashing now');
      await expect(find(source, 'fragile__echo').execute({ text: 'x' }, context())).rejects.toMatchObject({
        name: 'ToolError',
        message: expect.stringContaining('no longer running'),
      });
    } finally {
      await source.close();
    }
  });

  it('kills the stdio child on close', async () => {
    const source = await McpToolSource.connect([stdio('short')]);
    const output = await find(source, 'short__pid').execute({}, context());
    const pid = Number((output as { content: { text: string }[] }).content[0]!.text);
    expect(isAlive(pid)).toBe(true);
    await source.close();
    expect(isAlive(pid)).toBe(false);
  });

  it('names the server and the missing command when it cannot start', async () => {
    await expect(
      McpToolSource.connect([{ name: 'ghost', transport: 'stdio', command: 'strata-no-such-command' }]),
    ).rejects.toThrow(
      'Could not start MCP server "ghost" (strata-no-such-command): command not found: strata-no-such-command',
    );
  });

  it('quotes what a server wrote to stderr before it exited', async () => {
    const connecting = McpToolSource.connect([
      stdio('grumpy', { env: { FIXTURE_FAIL_AT_START: 'no config' } }),
    ]);
    await expect(connecting).rejects.toThrow(/Could not start MCP server "grumpy".*exited before completing/);
    await expect(connecting).rejects.toThrow('fixture refuses to start: no config');
  });

  it('closes the servers that did connect when another fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-mcp-'));
    try {
      const pidFile = join(dir, 'pid');
      const error = await McpToolSource.connect([
        stdio('fine', { env: { FIXTURE_PID_FILE: pidFile } }),
        { name: 'ghost', transport: 'stdio', command: 'strata-no-such-command' },
      ]).catch((e: unknown) => e);
      expect((error as Error).message).toContain('"ghost"');
      expect(isAlive(Number(await readFile(pidFile, 'utf8')))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops connecting when the signal aborts', async () => {
    const reason = new Error('not now');
    await expect(McpToolSource.connect([stdio('late')], { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });

  it('validates server names before starting anything', async () => {
    await expect(McpToolSource.connect([stdio('bad__name')])).rejects.toThrow(
      'Invalid MCP server name "bad__name"',
    );
    await expect(McpToolSource.connect([stdio('dup'), stdio('dup')])).rejects.toThrow(
      'Two MCP servers are named "dup"',
    );
  });
});
