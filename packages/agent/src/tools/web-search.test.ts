import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from './test-support/temp-workspace.js';
import { WEB_SEARCH_NOT_CONFIGURED, type WebSearchProvider, webSearchTool } from './web-search.js';

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await tempWorkspace();
});
afterEach(() => ws.cleanup());

describe('WebSearch', () => {
  it('without a provider fails with a clear error instead of inventing results', async () => {
    const search = webSearchTool();
    expect(search.readOnly).toBe(true);
    expect(search.description).toContain('No search provider is configured');
    await expect(search.execute({ query: 'strata' }, ws.context)).rejects.toThrow(WEB_SEARCH_NOT_CONFIGURED);
    expect(WEB_SEARCH_NOT_CONFIGURED).toMatch(
      /^WebSearch is not configured: pass a webSearch provider to runAgent/,
    );
  });

  it('calls the provider and numbers its results', async () => {
    const calls: unknown[] = [];
    const provider: WebSearchProvider = async (query, options) => {
      calls.push({ query, maxResults: options.maxResults, signal: options.signal === ws.context.signal });
      return [
        { title: 'Strata', url: 'https://example.com/strata', snippet: 'A toolkit.' },
        { title: 'Other', url: 'https://example.com/other', snippet: '' },
        { title: 'Extra', url: 'https://example.com/extra', snippet: 'beyond max' },
      ];
    };
    const search = webSearchTool({ provider });
    const out = await search.execute({ query: 'strata', max_results: 2 }, ws.context);
    expect(calls).toEqual([{ query: 'strata', maxResults: 2, signal: true }]);
    expect(out).toBe(
      '1. Strata\n   https://example.com/strata\n   A toolkit.\n\n2. Other\n   https://example.com/other',
    );
  });

  it('says when there are no results, and reports provider failures', async () => {
    expect(await webSearchTool({ provider: async () => [] }).execute({ query: 'q' }, ws.context)).toBe(
      'No results for "q".',
    );
    const failing = webSearchTool({
      provider: async () => {
        throw new Error('quota exceeded');
      },
    });
    await expect(failing.execute({ query: 'q' }, ws.context)).rejects.toThrow(
      'The web search failed: quota exceeded',
    );
    await expect(failing.execute({ query: '' }, ws.context)).rejects.toThrow(
      '`query` must be at least 1 character(s) long.',
    );
  });
});
