import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';
import { ToolError } from './tool.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('defineTool with a zod schema', () => {
  const add = defineTool({
    name: 'add',
    description: 'Adds two numbers.',
    inputSchema: z.object({ a: z.number(), b: z.number().default(1) }),
    readOnly: true,
    handler: (input) => {
      expectTypeOf(input).toEqualTypeOf<{ a: number; b: number }>();
      return String(input.a + input.b);
    },
  });

  it('keeps the zod schema (Bedrock converts it) and the flags', () => {
    expect(add.name).toBe('add');
    expect('_zod' in add.inputSchema).toBe(true);
    expect(add.readOnly).toBe(true);
    expect(add.dangerous).toBeUndefined();
  });

  it('runs the handler on parsed input, defaults applied', async () => {
    expect(await add.execute({ a: 2, b: 3 }, ws.context)).toBe('5');
    expect(await add.execute({ a: 2 }, ws.context)).toBe('3');
  });

  it('turns a parse failure into a ToolError listing the issues', async () => {
    const failure = add.execute({ a: 'two', b: false }, ws.context);
    await expect(failure).rejects.toBeInstanceOf(ToolError);
    await expect(add.execute({ a: 'two', b: false }, ws.context)).rejects.toThrow(
      /^Invalid input for add: `a`: .*expected number.*; `b`: .*expected number/,
    );
  });
});

describe('defineTool with a JSON schema', () => {
  const greet = defineTool<{ name: string; loud?: boolean }>({
    name: 'greet-user_2',
    description: 'Greets someone.',
    inputSchema: {
      type: 'object',
      properties: { name: { type: 'string' }, loud: { type: 'boolean' } },
      required: ['name'],
      additionalProperties: false,
    },
    dangerous: true,
    paths: () => ['greetings.txt'],
    handler: async ({ name, loud }, context) => {
      expect(context.workspace.root).toBe(ws.root);
      return { content: [{ type: 'text', text: loud ? `HELLO ${name.toUpperCase()}` : `hello ${name}` }] };
    },
  });

  it('validates input against the schema before the handler runs', async () => {
    expect(await greet.execute({ name: 'ada', loud: true }, ws.context)).toEqual({
      content: [{ type: 'text', text: 'HELLO ADA' }],
    });
    await expect(greet.execute({ loud: 'yes' }, ws.context)).rejects.toThrow(
      'Invalid input for greet-user_2: `name` is required. `loud` must be true or false.',
    );
    expect(greet.dangerous).toBe(true);
    expect(greet.paths?.({})).toEqual(['greetings.txt']);
  });

  it('lets handler errors through for the loop to report', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'Always fails.',
      inputSchema: { type: 'object', properties: {} },
      handler: () => {
        throw new Error('boom');
      },
    });
    await expect(broken.execute({}, ws.context)).rejects.toThrow('boom');
  });
});

describe('defineTool definition checks', () => {
  const base = { description: 'd', inputSchema: { type: 'object' }, handler: () => 'ok' };

  it.each(['', 'has space', 'dot.name', 'ü', 'x'.repeat(65)])('rejects the tool name %j', (name) => {
    expect(() => defineTool({ ...base, name })).toThrow(
      /Invalid tool name .*1 to 64 letters, digits, "_" or "-"/,
    );
  });

  it('accepts a 64-character name', () => {
    expect(defineTool({ ...base, name: 'x'.repeat(64) }).name).toHaveLength(64);
  });

  it('requires a description, a handler and an object schema', () => {
    expect(() => defineTool({ ...base, name: 't', description: ' ' })).toThrow(/needs a description/);
    expect(() => defineTool({ ...base, name: 't', handler: undefined as never })).toThrow(/needs a handler/);
    expect(() => defineTool({ ...base, name: 't', inputSchema: { type: 'string' } })).toThrow(
      /JSON Schema with type "object"/,
    );
    const zod3Like = { _def: {}, safeParse: () => ({ success: true, data: {} }) };
    expect(() => defineTool({ ...base, name: 't', inputSchema: zod3Like })).toThrow(
      /zod 3 schemas are not supported/,
    );
  });
});
