import type { ChatEvent, Cost, Message, StrataError, ToolResultContent, Usage } from '@strata/bedrock';
import type { ApprovalDecision } from '../approval/approval.js';

export type AgentStopReason = 'end_turn' | 'max_iterations' | 'aborted' | 'error';

/** What `runAgent` yields: the model's ChatEvents, plus the loop's own. */
export type AgentEvent =
  | ChatEvent
  | { type: 'iteration'; iteration: number }
  | {
      type: 'tool-approval-request';
      id: string;
      toolUseId: string;
      tool: string;
      input: unknown;
      paths: string[];
    }
  | {
      type: 'tool-approval-decision';
      id: string;
      toolUseId: string;
      tool: string;
      decision: ApprovalDecision['decision'];
      reason?: string;
      /** Who decided: a policy rule, the approver, an earlier "always", or no approval needed. */
      by: 'policy' | 'approver' | 'always' | 'not-required' | 'no-approver';
    }
  | { type: 'tool-start'; toolUseId: string; tool: string; input: unknown }
  | {
      type: 'tool-result';
      toolUseId: string;
      tool: string;
      status: 'ok' | 'error';
      content: ToolResultContent[];
      durationMs: number;
      cached: boolean;
    }
  | AgentDone;

export interface AgentDone {
  type: 'done';
  stopReason: AgentStopReason;
  /** The whole conversation so far, ready to persist and continue from. */
  messages: Message[];
  iterations: number;
  usage: Usage;
  cost: Cost;
  error?: StrataError;
}
