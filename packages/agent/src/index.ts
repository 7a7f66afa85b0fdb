export type {
  ApprovalDecision,
  ApprovalPolicy,
  ApprovalRequest,
  Approver,
  PolicyRule,
} from './approval/approval.js';
export type { AgentDone, AgentEvent, AgentStopReason } from './loop/events.js';
export type { RunAgentOptions } from './loop/options.js';
export { type AgentRun, runAgent } from './loop/run-agent.js';
export { type McpServerConfig, McpToolSource } from './mcp/index.js';
export { Workspace } from './sandbox/workspace.js';
export * from './tools/index.js';
export type { AgentTool, ToolContext, ToolOutput } from './tools/tool.js';
export { ToolError } from './tools/tool.js';
