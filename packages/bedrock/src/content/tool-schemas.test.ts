import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaTools } from './tool-schemas.js';

describe('jsonSchemaTools', () => {
  it('converts zod 4 schemas to JSON Schema without the $schema marker', async () => {
    const tools = await jsonSchemaTools([
      { name: 'get_weather', inputSchema: z.object({ city: z.string(), days: z.number().int().optional() }) },
      { name: 'plain', inputSchema: { type: 'object' } },
    ]);
    expect(tools?.[0]?.inputSchema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) },
      },
      required: ['city'],
      additionalProperties: false,
    });
    expect(tools?.[1]?.inputSchema).toEqual({ type: 'object' });
  });

  it('leaves JSON Schema tools as the same array', async () => {
    const tools = [{ name: 'x', inputSchema: { type: 'object' } }];
    expect(await jsonSchemaTools(tools)).toBe(tools);
  });
});
