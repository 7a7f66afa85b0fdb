import { type JsonSchema, validateInput } from './input-schema.js';
import { capLines, DEFAULT_OUTPUT_CAP } from './output-cap.js';
import type { AgentTool } from './tool.js';
import { ToolError } from './tool.js';

export interface WebSearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** A search backend (a search API, an internal index…): the agent ships none of its own. */
export type WebSearchProvider = (
  query: string,
  options: { maxResults: number; signal: AbortSignal },
) => Promise<WebSearchResult[]>;

export interface WebSearchToolOptions {
  provider?: WebSearchProvider;
  /** Characters one result may hold (default 30 000). */
  outputCap?: number;
}

interface WebSearchInput {
  query: string;
  max_results?: number;
}

const DEFAULT_MAX_RESULTS = 5;
const MAX_RESULTS = 20;

const inputSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 1, description: 'What to search the web for.' },
    max_results: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_RESULTS,
      description: `How many results to return (default ${DEFAULT_MAX_RESULTS}).`,
    },
  },
  required: ['query'],
  additionalProperties: false,
} satisfies JsonSchema;

export const WEB_SEARCH_NOT_CONFIGURED =
  'WebSearch is not configured: pass a webSearch provider to runAgent (builtinTools({ webSearch: async (query, { maxResults, signal }) => [{ title, url, snippet }] })). No search was run; do not retry, and answer without web search or use WebFetch on a URL you know.';

const format = (results: WebSearchResult[]): string =>
  results
    .map((r, i) =>
      [`${i + 1}. ${r.title}`, `   ${r.url}`, r.snippet ? `   ${r.snippet}` : ''].join('\n').trimEnd(),
    )
    .join('\n\n');

/** WebSearch: the configured provider's results as a numbered list, or a clear error without one. */
export function webSearchTool(options: WebSearchToolOptions = {}): AgentTool {
  const cap = options.outputCap ?? DEFAULT_OUTPUT_CAP;
  return {
    name: 'WebSearch',
    description: [
      'Searches the web and returns a numbered list of results (title, URL, snippet).',
      'Use WebFetch on a result URL to read the page.',
      options.provider ? '' : 'No search provider is configured in this session, so calls fail.',
    ]
      .join(' ')
      .trim(),
    inputSchema,
    readOnly: true,
    async execute(input, context) {
      const { query, max_results: maxResults = DEFAULT_MAX_RESULTS } = validateInput<WebSearchInput>(
        'WebSearch',
        inputSchema,
        input,
      );
      if (!options.provider) throw new ToolError(WEB_SEARCH_NOT_CONFIGURED);
      let results: WebSearchResult[];
      try {
        results = await options.provider(query, { maxResults, signal: context.signal });
      } catch (error) {
        throw new ToolError(`The web search failed: ${(error as Error).message ?? String(error)}`);
      }
      if (results.length === 0) return `No results for ${JSON.stringify(query)}.`;
      return capLines(format(results.slice(0, maxResults)), cap, 'Ask for fewer results.');
    },
  };
}
