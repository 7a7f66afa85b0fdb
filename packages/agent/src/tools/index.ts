import { bashTool } from './bash.js';
import { editTool } from './edit.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { notebookEditTool } from './notebook-edit.js';
import { readTool } from './read.js';
import type { AgentTool } from './tool.js';
import { webFetchTool } from './web-fetch.js';
import { type WebSearchProvider, webSearchTool } from './web-search.js';
import { writeTool } from './write.js';

export { type BashToolOptions, bashTool } from './bash.js';
export { type CustomToolDefinition, defineTool, type ZodLikeSchema } from './define-tool.js';
export { editTool } from './edit.js';
export { type GlobToolOptions, globTool } from './glob.js';
export { type GrepToolOptions, grepTool } from './grep.js';
export { type JsonSchema, validateInput } from './input-schema.js';
export { notebookEditTool } from './notebook-edit.js';
export { type ReadToolOptions, readTool } from './read.js';
export { type AgentTool, type ToolContext, ToolError, type ToolOutput } from './tool.js';
export { type WebFetchToolOptions, webFetchTool } from './web-fetch.js';
export {
  WEB_SEARCH_NOT_CONFIGURED,
  type WebSearchProvider,
  type WebSearchResult,
  type WebSearchToolOptions,
  webSearchTool,
} from './web-search.js';
export { writeTool } from './write.js';

export interface BuiltinToolOptions {
  /** Let WebFetch reach loopback and private addresses (local servers, tests). Off by default. */
  allowPrivateNetwork?: boolean;
  /** The backend WebSearch calls; without one, WebSearch answers with a clear "not configured" error. */
  webSearch?: WebSearchProvider;
  /** Bash's default timeout in milliseconds (120 000 unless set; at most 600 000). */
  bashTimeoutMs?: number;
  /**
   * Characters one tool result may hold: Bash, Grep, Glob, WebFetch and WebSearch default to 30 000;
   * Read defaults to 100 000 (reading a file is its whole purpose) and uses this value when it is set.
   */
  outputCap?: number;
}

/** Read, Write, Edit, Bash, Grep, Glob, WebFetch, WebSearch and NotebookEdit, configured together. */
export function builtinTools(options: BuiltinToolOptions = {}): AgentTool[] {
  const { outputCap } = options;
  return [
    readTool(outputCap === undefined ? {} : { maxChars: outputCap }),
    writeTool(),
    editTool(),
    bashTool({ timeoutMs: options.bashTimeoutMs, outputCap }),
    grepTool({ outputCap }),
    globTool({ outputCap }),
    webFetchTool({ allowPrivateNetwork: options.allowPrivateNetwork, outputCap }),
    webSearchTool({ provider: options.webSearch, outputCap }),
    notebookEditTool(),
  ];
}
