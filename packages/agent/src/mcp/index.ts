export type { McpServerConfig } from './mcp-config.js';
export { McpToolSource, type McpToolSourceOptions } from './tool-source.js';
