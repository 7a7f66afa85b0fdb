import type { ChatRequest, ToolDefinition } from '../types/request.js';
import type { RuleContext } from './context.js';

export const PLACEHOLDER_TOOL_DESCRIPTION = 'Placeholder: used earlier in this conversation';

/**
 * The tool configuration the history needs. Bedrock answers "The toolConfig field must be defined
 * when using toolUse and toolResult content blocks" when a conversation that used tools is continued
 * without them (a gateway turning tools off, a summary turn). The repair declares each tool the
 * history names with a minimal definition, so the history stays valid and nothing is lost; the model
 * could call one again, and the caller would then see an unknown tool name. A toolChoice needs tools
 * to choose from, so one set without tools is removed first; one naming an undeclared tool falls
 * back to 'auto'.
 */
export function configureTools(request: ChatRequest, context: RuleContext): ChatRequest {
  const next = { ...request };
  const declared = request.tools ?? [];
  if (request.toolChoice !== undefined && declared.length === 0) {
    context.issue({
      code: 'tool-choice-without-tools',
      path: 'toolChoice',
      problem: 'toolChoice is set but the request has no tools.',
      repaired: 'Removed it.',
      fix: 'Remove `toolChoice`, or add `tools`.',
    });
    delete next.toolChoice;
  }
  const choice = next.toolChoice;
  if (choice?.type === 'tool' && !declared.some((tool) => tool.name === choice.name)) {
    context.issue({
      code: 'tool-choice-unknown-tool',
      path: 'toolChoice.name',
      problem: `toolChoice names the tool ${choice.name}, which is not among the request's tools.`,
      repaired: "Changed it to 'auto'.",
      fix: 'Name a tool declared in `tools`.',
    });
    next.toolChoice = { type: 'auto' };
  }
  const used = [
    ...new Set(
      request.messages.flatMap((message) =>
        message.content.flatMap((block) => (block.type === 'tool-use' ? [block.name] : [])),
      ),
    ),
  ];
  if (declared.length > 0 || used.length === 0) return next;
  context.issue({
    code: 'placeholder-tools-added',
    path: 'tools',
    problem:
      'The history has tool calls and results but the request declares no tools, which Bedrock rejects.',
    repaired: `Declared placeholder tools for ${used.join(', ')}.`,
    fix: 'Pass the tools the conversation used, or remove the tool blocks from the history.',
  });
  next.tools = used.map(
    (name): ToolDefinition => ({
      name,
      description: PLACEHOLDER_TOOL_DESCRIPTION,
      inputSchema: { type: 'object' },
    }),
  );
  return next;
}
