import type { AgentEvent } from '@strata/agent';
import { approvalId } from './approvals.js';

/** The SSE name and payload of an agent event, or undefined for events the chat page does not need. */
export function sseEventOf(event: AgentEvent, turnId: string): { event: string; data: unknown } | undefined {
  switch (event.type) {
    case 'text-delta':
      return { event: 'token', data: { text: event.text } };
    case 'reasoning-delta':
      return event.text ? { event: 'reasoning', data: { text: event.text } } : undefined;
    case 'tool-call':
      return { event: 'tool_call', data: { id: event.id, name: event.name, input: event.input } };
    case 'tool-approval-request':
      return {
        event: 'approval_request',
        data: {
          id: approvalId(turnId, event.id),
          tool: event.tool,
          input: event.input,
          toolUseId: event.toolUseId,
        },
      };
    case 'tool-approval-decision':
      return {
        event: 'approval_decision',
        data: {
          id: approvalId(turnId, event.id),
          decision: event.decision,
          by: event.by,
          ...(event.reason ? { reason: event.reason } : {}),
        },
      };
    case 'tool-result':
      return {
        event: 'tool_result',
        data: {
          toolUseId: event.toolUseId,
          tool: event.tool,
          status: event.status,
          content: event.content,
          durationMs: event.durationMs,
          cached: event.cached,
        },
      };
    case 'usage':
      return { event: 'usage', data: { usage: event.usage, costUsd: event.cost.total } };
    default:
      return undefined;
  }
}
