import type { ContentBlock, Message, ToolResultContent } from '../types/content.js';
import type { ChatRequest, ToolChoice } from '../types/request.js';
import { blockPath, textBlock, toolResultAsBlocks, toolUseAsText, withContent } from './blocks.js';
import type { RuleContext } from './context.js';

/**
 * What the model takes, from `model.capabilities` and its limits. The settings part: options the
 * model does not take are dropped or lowered to the nearest it does; tools on a model without tools
 * are always an error, because no repair can make the model call them.
 */
export function applyCapabilities(request: ChatRequest, context: RuleContext): ChatRequest {
  const settled = fitGeneration(fitToolSettings(request, context), context);
  const system = moveUnsupportedSystem(settled, context);
  return { ...system, messages: applyContentCapabilities(system.messages, context) };
}

/** Nearest choice the model takes: a named tool → any tool → auto → none at all. */
function lowerToolChoice(choice: ToolChoice, accepted: readonly string[]): ToolChoice | undefined {
  const ladder: ToolChoice['type'][] = ['tool', 'any', 'auto'];
  if (choice.type === 'none' || accepted.includes(choice.type)) return choice;
  const next = ladder.slice(ladder.indexOf(choice.type) + 1).find((type) => accepted.includes(type));
  return next === 'any' || next === 'auto' ? { type: next } : undefined;
}

function fitToolSettings(request: ChatRequest, context: RuleContext): ChatRequest {
  const { capabilities, name } = context.model;
  const next = { ...request };
  if (request.tools !== undefined && request.tools.length > 0 && !capabilities.tools) {
    context.fail({
      code: 'tools-unsupported',
      path: 'tools',
      problem: `${name} does not support tool use.`,
      fix: 'Remove `tools`, or choose a model that supports tools.',
    });
  }
  if (request.toolChoice !== undefined) {
    const lowered = capabilities.tools
      ? lowerToolChoice(request.toolChoice, capabilities.toolChoice)
      : undefined;
    if (lowered !== request.toolChoice) {
      context.issue({
        code: 'tool-choice-unsupported',
        path: 'toolChoice',
        problem: `${name} does not accept toolChoice '${request.toolChoice.type}'.`,
        repaired: lowered === undefined ? 'Removed it.' : `Changed it to '${lowered.type}'.`,
        fix: `Use one of: ${capabilities.toolChoice.join(', ') || 'none (omit toolChoice)'}.`,
      });
      if (lowered === undefined) delete next.toolChoice;
      else next.toolChoice = lowered;
    }
  }
  return next;
}

/** Generation settings within what the model takes: topK, maxTokens, temperature, topP, reasoning. */
function fitGeneration(request: ChatRequest, context: RuleContext): ChatRequest {
  const { capabilities, name, maxOutputTokens } = context.model;
  const next = { ...request };
  if (request.topK !== undefined && !capabilities.topK) {
    context.issue({
      code: 'top-k-unsupported',
      path: 'topK',
      problem: `${name} does not take topK.`,
      repaired: 'Removed it.',
      fix: 'Remove `topK`.',
    });
    delete next.topK;
  }
  if (request.maxTokens !== undefined) {
    if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) {
      context.issue({
        code: 'max-tokens-invalid',
        path: 'maxTokens',
        problem: `maxTokens must be a whole number of at least 1 (got ${request.maxTokens}).`,
        repaired: "Removed it; the model's default applies.",
        fix: 'Set `maxTokens` to a positive integer.',
      });
      delete next.maxTokens;
    } else if (request.maxTokens > maxOutputTokens) {
      context.issue({
        code: 'max-tokens-clamped',
        path: 'maxTokens',
        problem: `maxTokens ${request.maxTokens} is above ${name}'s output limit of ${maxOutputTokens}.`,
        repaired: `Lowered it to ${maxOutputTokens}.`,
        fix: `Set \`maxTokens\` to at most ${maxOutputTokens}.`,
      });
      next.maxTokens = maxOutputTokens;
    }
  }
  // Converse's inferenceConfig takes temperature and topP in [0, 1] only (Smithy range traits).
  for (const key of ['temperature', 'topP'] as const) {
    const value = request[key];
    if (value === undefined || (value >= 0 && value <= 1)) continue;
    const clamped = Number.isNaN(value) ? undefined : Math.min(1, Math.max(0, value));
    context.issue({
      code: `${key === 'topP' ? 'top-p' : key}-out-of-range`,
      path: key,
      problem: `${key} must be between 0 and 1 (got ${value}).`,
      repaired: clamped === undefined ? 'Removed it.' : `Set it to ${clamped}.`,
      fix: `Set \`${key}\` between 0 and 1.`,
    });
    if (clamped === undefined) delete next[key];
    else next[key] = clamped;
  }
  if (request.reasoning !== undefined && capabilities.reasoning === 'none') {
    context.issue({
      code: 'reasoning-unsupported',
      path: 'reasoning',
      problem: `${name} does not reason (no extended thinking).`,
      repaired: 'Removed `reasoning`; the model answers without thinking.',
      fix: 'Remove `reasoning`, or choose a model with extended thinking.',
    });
    delete next.reasoning;
  }
  return next;
}

/**
 * A model without a system prompt still gets its instructions: the system text goes first in the
 * first user turn, which is where such models' own prompt templates put it.
 */
function moveUnsupportedSystem(request: ChatRequest, context: RuleContext): ChatRequest {
  if (request.system === undefined || context.model.capabilities.systemPrompt) return request;
  const text =
    typeof request.system === 'string'
      ? request.system
      : request.system.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n\n');
  context.issue({
    code: 'system-prompt-unsupported',
    path: 'system',
    problem: `${context.model.name} does not take a system prompt.`,
    repaired: 'Moved its text to the start of the first user message.',
    fix: 'Put the instructions in the first user message instead of `system`.',
  });
  const { system: _dropped, ...rest } = request;
  const [first, ...others] = request.messages;
  const messages: Message[] =
    first?.role === 'user'
      ? [{ ...first, content: [textBlock(text), ...first.content] }, ...others]
      : [{ role: 'user', content: [textBlock(text)] }, ...request.messages];
  return { ...rest, messages };
}

type MediaKind = 'image' | 'document';

function mediaNote(kind: MediaKind, reason: string): string {
  return `[${kind} omitted: ${reason}]`;
}

/**
 * The content part: tool blocks on a model without tools become text (Bedrock would need a
 * toolConfig the model refuses); images and documents the model cannot read become short notes,
 * so the model knows something was there and can say so.
 */
function applyContentCapabilities(messages: Message[], context: RuleContext): Message[] {
  const { capabilities, name } = context.model;
  const unsupported = (kind: MediaKind, inToolResult: boolean): string | undefined => {
    if (kind === 'image' && !capabilities.images) return `${name} does not accept images`;
    if (kind === 'document' && !capabilities.documents) return `${name} does not accept documents`;
    if (kind === 'image' && inToolResult && !capabilities.imagesInToolResults) {
      return `${name} does not accept images in tool results`;
    }
    return undefined;
  };
  const note = (kind: MediaKind, path: string, reason: string) =>
    context.issue({
      code: `${kind}-unsupported`,
      path,
      problem: `${reason}.`,
      repaired: `Replaced the ${kind} with a note saying it was omitted.`,
      fix: `Remove the ${kind}, or choose a model that accepts it.`,
    });
  return messages.map((message, i) => {
    const content = message.content.flatMap((block, j): ContentBlock[] => {
      const path = blockPath(i, j);
      if (!capabilities.tools && (block.type === 'tool-use' || block.type === 'tool-result')) {
        context.issue({
          code: 'tool-blocks-unsupported',
          path,
          problem: `${name} does not support tool use, so tool blocks in the history cannot be sent.`,
          repaired: 'Turned the block into text.',
          fix: 'Remove tool blocks from the history, or choose a model that supports tools.',
        });
        return block.type === 'tool-use' ? [toolUseAsText(block)] : toolResultAsBlocks(block, false);
      }
      if (block.type === 'image' || block.type === 'document') {
        const reason = unsupported(block.type, false);
        if (reason === undefined) return [block];
        note(block.type, path, reason);
        return [textBlock(mediaNote(block.type, reason))];
      }
      if (block.type !== 'tool-result') return [block];
      let changed = false;
      const parts = block.content.map((part, k): ToolResultContent => {
        if (part.type !== 'image' && part.type !== 'document') return part;
        const reason = unsupported(part.type, true);
        if (reason === undefined) return part;
        note(part.type, `${path}.content.${k}`, reason);
        changed = true;
        return textBlock(mediaNote(part.type, reason));
      });
      return [changed ? { ...block, content: parts } : block];
    });
    return withContent(message, content);
  });
}
