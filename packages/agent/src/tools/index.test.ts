import { describe, expect, it } from 'vitest';
import { builtinTools } from './index.js';

describe('builtinTools', () => {
  const tools = builtinTools();

  it('has the nine built-in tools with the right flags', () => {
    expect(tools.map((t) => t.name)).toEqual([
      'Read',
      'Write',
      'Edit',
      'Bash',
      'Grep',
      'Glob',
      'WebFetch',
      'WebSearch',
      'NotebookEdit',
    ]);
    const flagged = (flag: 'dangerous' | 'readOnly') => tools.filter((t) => t[flag]).map((t) => t.name);
    expect(flagged('dangerous')).toEqual(['Write', 'Edit', 'Bash', 'NotebookEdit']);
    expect(flagged('readOnly')).toEqual(['Read', 'Grep', 'Glob', 'WebFetch', 'WebSearch']);
  });

  it('gives every tool a description and a strict object schema whose required fields exist', () => {
    for (const tool of tools) {
      expect(tool.description.length).toBeGreaterThan(50);
      const schema = tool.inputSchema as {
        type: string;
        properties: object;
        required: string[];
        additionalProperties: boolean;
      };
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      for (const field of schema.required) expect(Object.keys(schema.properties)).toContain(field);
    }
  });

  it('passes options through', () => {
    const configured = builtinTools({
      bashTimeoutMs: 5000,
      allowPrivateNetwork: true,
      webSearch: async () => [],
    });
    const byName = new Map(configured.map((t) => [t.name, t]));
    expect(byName.get('Bash')?.description).toContain('default 5 s');
    expect(byName.get('WebFetch')?.description).toContain('Local and private network addresses are allowed.');
    expect(byName.get('WebSearch')?.description).not.toContain('No search provider');
  });
});
