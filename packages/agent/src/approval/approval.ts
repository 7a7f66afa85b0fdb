/** An answer to an approval request: once, never (with a reason the model sees), or for the rest of the run. */
export type ApprovalDecision =
  | { decision: 'allow' }
  | { decision: 'deny'; reason?: string }
  | { decision: 'always' };

export interface ApprovalRequest {
  /** Unique per request in the run, for UIs that answer asynchronously. */
  id: string;
  toolUseId: string;
  tool: string;
  input: Record<string, unknown>;
  /** Workspace-relative paths the call touches, when the tool says. */
  paths: string[];
}

export type Approver = (request: ApprovalRequest) => Promise<ApprovalDecision>;

/**
 * A rule of a policy: a tool name (`*` for any, or a prefix ending in `*` such as `github__*`) and an
 * optional regular expression tested against what the call does — the command for Bash, each path
 * for file tools, the JSON input otherwise.
 */
export interface PolicyRule {
  tool: string;
  pattern?: string;
}

/** Deny rules win over allow rules; anything matched by neither goes to the approver. */
export interface ApprovalPolicy {
  allow?: PolicyRule[];
  deny?: PolicyRule[];
}
