/**
 * Tools and tool choice for Converse (and Nova's native body, which shares the shape).
 *
 * Converse has no `none` tool choice. Like the Vercel AI SDK, Strata then leaves the tools out, so the
 * model cannot call one. But Bedrock refuses toolUse/toolResult blocks in the history unless toolConfig
 * is present ("The toolConfig field must be defined when using toolUse and toolResult content blocks"),
 * so with tool blocks in the history the tools stay and only the choice is dropped. For Claude the exact
 * meaning survives through `additionalModelRequestFields.tool_choice = {type: 'none'}` (Anthropic's own
 * value, passed through to the model); for other families `none` is then best effort.
 */
import type { ModelInfo } from '../models/model-info.js';
import type { Message } from '../types/content.js';
import type { ChatRequest, ToolChoice, ToolDefinition } from '../types/request.js';
import type { JsonRecord } from './read-json.js';
import type { ConverseTool, ConverseToolChoice, ConverseToolConfig } from './wire-types.js';

export interface ConverseToolParts {
  toolConfig?: ConverseToolConfig;
  /** Fields for `additionalModelRequestFields` that carry what toolConfig cannot. */
  additionalFields?: JsonRecord;
}

export const hasToolBlocks = (messages: Message[]): boolean =>
  messages.some((message) =>
    message.content.some((block) => block.type === 'tool-use' || block.type === 'tool-result'),
  );

const converseTool = (tool: ToolDefinition): ConverseTool => ({
  toolSpec: {
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    inputSchema: { json: tool.inputSchema },
  },
});

function converseToolChoice(
  choice: Exclude<ToolChoice, { type: 'none' }>,
  model: ModelInfo,
): ConverseToolChoice | undefined {
  switch (choice.type) {
    case 'auto':
      // `auto` is Converse's default: leaving it out means the same and spares models that reject the field.
      return model.capabilities.toolChoice.includes('auto') ? { auto: {} } : undefined;
    case 'any':
      return { any: {} };
    case 'tool':
      return { tool: { name: choice.name } };
  }
}

export function toConverseToolConfig(request: ChatRequest, model: ModelInfo): ConverseToolParts {
  const tools = (request.tools ?? []).map(converseTool);
  if (tools.length === 0) return {};
  const choice = request.toolChoice;
  if (choice?.type === 'none') {
    if (!hasToolBlocks(request.messages)) return {};
    return {
      toolConfig: { tools },
      ...(model.family === 'anthropic-messages'
        ? { additionalFields: { tool_choice: { type: 'none' } } }
        : {}),
    };
  }
  const toolChoice = choice ? converseToolChoice(choice, model) : undefined;
  return { toolConfig: toolChoice ? { tools, toolChoice } : { tools } };
}
