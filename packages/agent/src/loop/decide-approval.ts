import type { ApprovalPolicy } from '../approval/approval.js';
import { policyVerdict } from '../approval/policy.js';
import type { AgentTool } from '../tools/tool.js';

export type Settled = {
  decision: 'allow' | 'deny';
  reason?: string;
  by: 'policy' | 'always' | 'not-required';
};

/**
 * Settles a call without asking when it can: a deny rule, an allow rule, a tool allowed "always"
 * earlier in the run, or a tool that needs no approval. Undefined means: ask the approver.
 */
export function decideApproval(
  policy: ApprovalPolicy | undefined,
  tool: AgentTool,
  input: Record<string, unknown>,
  always: ReadonlySet<string>,
): Settled | undefined {
  const verdict = policyVerdict(policy, tool, input);
  if (verdict) return { ...verdict, by: 'policy' };
  if (always.has(tool.name)) return { decision: 'allow', by: 'always' };
  if (!tool.dangerous) return { decision: 'allow', by: 'not-required' };
  return undefined;
}
