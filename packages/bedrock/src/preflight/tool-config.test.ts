import { describe, expect, it } from 'vitest';
import {
  assistant,
  chat,
  lookupTool,
  repair,
  strictError,
  text,
  toolResult,
  toolUse,
  user,
} from './test-support/fixtures.js';

const history = [
  user(text('q')),
  assistant(toolUse('a', 'search')),
  user(toolResult('a')),
  assistant(text('found')),
];

describe('tool configuration', () => {
  it('declares placeholder tools for the tools the history used', () => {
    const { request, diagnostics } = repair(chat([...history, user(text('thanks'))]));
    expect(request.tools).toEqual([
      {
        name: 'search',
        description: 'Placeholder: used earlier in this conversation',
        inputSchema: { type: 'object' },
      },
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'placeholder-tools-added', path: 'tools' }),
    ]);
  });

  it('strict mode reports tool blocks without tools', () => {
    expect(strictError(chat([...history, user(text('thanks'))])).path).toBe('tools');
  });

  it('removes a toolChoice when there are no tools', () => {
    const { request, diagnostics } = repair(chat([user(text('q'))], { toolChoice: { type: 'any' } }));
    expect(request.toolChoice).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'tool-choice-without-tools', path: 'toolChoice' }),
    ]);
  });

  it('strict mode reports a toolChoice without tools', () => {
    expect(strictError(chat([user(text('q'))], { toolChoice: { type: 'auto' } })).path).toBe('toolChoice');
  });

  it("falls back to 'auto' when toolChoice names an undeclared tool", () => {
    const { request, diagnostics } = repair(
      chat([user(text('q'))], { tools: [lookupTool], toolChoice: { type: 'tool', name: 'nope' } }),
    );
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'tool-choice-unknown-tool', path: 'toolChoice.name' }),
    ]);
  });
});
