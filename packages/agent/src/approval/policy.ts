import type { AgentTool } from '../tools/tool.js';
import type { ApprovalPolicy, PolicyRule } from './approval.js';

const toolMatches = (rule: PolicyRule, tool: string): boolean =>
  rule.tool === '*' ||
  rule.tool === tool ||
  (rule.tool.endsWith('*') && tool.startsWith(rule.tool.slice(0, -1)));

/** What a rule's pattern is tested against: the command, each path, or the input as JSON. */
function subjects(tool: AgentTool, input: Record<string, unknown>): string[] {
  if (typeof input.command === 'string') return [input.command];
  const paths = tool.paths?.(input) ?? [];
  return paths.length > 0 ? paths : [JSON.stringify(input)];
}

function ruleMatches(rule: PolicyRule, tool: AgentTool, input: Record<string, unknown>): boolean {
  if (!toolMatches(rule, tool.name)) return false;
  if (rule.pattern === undefined) return true;
  const regex = new RegExp(rule.pattern);
  return subjects(tool, input).some((s) => regex.test(s));
}

/** The policy's verdict on one call, or undefined when no rule speaks to it. */
export function policyVerdict(
  policy: ApprovalPolicy | undefined,
  tool: AgentTool,
  input: Record<string, unknown>,
): { decision: 'allow' } | { decision: 'deny'; reason: string } | undefined {
  if (!policy) return undefined;
  const denied = policy.deny?.find((rule) => ruleMatches(rule, tool, input));
  if (denied) {
    return {
      decision: 'deny',
      reason: `Denied by policy (${denied.tool}${denied.pattern ? ` matching /${denied.pattern}/` : ''}).`,
    };
  }
  if (policy.allow?.some((rule) => ruleMatches(rule, tool, input))) return { decision: 'allow' };
  return undefined;
}

/** Validates the policy's regular expressions up front, so a typo fails the run at start, not mid-way. */
export function checkPolicy(policy: ApprovalPolicy | undefined): void {
  for (const rule of [...(policy?.allow ?? []), ...(policy?.deny ?? [])]) {
    if (rule.pattern === undefined) continue;
    try {
      new RegExp(rule.pattern);
    } catch (error) {
      throw new Error(
        `Policy rule for ${rule.tool}: invalid pattern /${rule.pattern}/: ${(error as Error).message}`,
      );
    }
  }
}
