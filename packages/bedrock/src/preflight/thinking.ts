import type { Message } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockPath, isReasoning, messagePath, withContent } from './blocks.js';
import type { RuleContext } from './context.js';

/**
 * Claude's smallest thinking budget. Bedrock, "Extended thinking": budget_tokens must be at least
 * 1,024 and less than max_tokens.
 */
export const MIN_REASONING_BUDGET = 1024;

/**
 * Reasoning blocks Bedrock would reject wherever they are: on a model that does not reason; in a
 * user turn ("User messages cannot contain reasoning content", captured in
 * shared/fixtures/bedrock/vercel-ai/issue-7034-error.json); and thinking without its signature,
 * which Claude needs to verify the block and which nobody can recreate. The Vercel AI SDK likewise
 * sends a reasoning part back only when it carries a signature or redacted data.
 */
export function cleanReasoningBlocks(request: ChatRequest, context: RuleContext): ChatRequest {
  const { capabilities, name } = context.model;
  const messages = request.messages.map((message, i) => {
    const content = message.content.filter((block, j) => {
      if (!isReasoning(block)) return true;
      const path = blockPath(i, j);
      if (capabilities.reasoning === 'none') {
        context.issue({
          code: 'reasoning-block-unsupported',
          path,
          problem: `${name} does not reason, so it cannot take reasoning blocks.`,
          repaired: 'Removed the block.',
          fix: 'Remove reasoning blocks from the history for this model.',
        });
      } else if (message.role === 'user') {
        context.issue({
          code: 'reasoning-in-user-turn',
          path,
          problem: 'User messages cannot contain reasoning content.',
          repaired: 'Removed the block.',
          fix: 'Keep reasoning blocks in the assistant turn that produced them.',
        });
      } else if (block.type === 'reasoning' && !block.signature) {
        context.issue({
          code: 'reasoning-signature-missing',
          path,
          problem:
            'This reasoning block has no signature; Claude rejects thinking it cannot verify, and a signature cannot be recreated.',
          repaired: 'Removed the block.',
          fix: 'Send reasoning blocks back exactly as received, with their `signature`, or remove them.',
        });
      } else {
        return true;
      }
      return false;
    });
    return withContent(message, content);
  });
  return { ...request, messages };
}

/** The assistant turn whose tool calls the final user turn answers, if the request is mid tool loop. */
function toolLoopTurn(messages: readonly Message[]): number | undefined {
  const last = messages.length - 1;
  const answered = messages[last]?.content.some((block) => block.type === 'tool-result');
  return answered && messages[last - 1]?.role === 'assistant' ? last - 1 : undefined;
}

/**
 * Extended thinking's rules (Bedrock, "Extended thinking", and Anthropic's extended-thinking docs):
 * no prefilled assistant turn; mid tool loop, the assistant turn that called the tools must start
 * with its thinking block; no temperature (other than 1), top_p or top_k; no forced tool use
 * ("Thinking may not be enabled when tool_choice forces tool use", vercel-ai fixture
 * amazon-bedrock-issue-11227-opus-4-5-error.json); a budget of at least 1,024 below max_tokens.
 *
 * When the history and thinking conflict, the history wins and thinking is turned off for this one
 * request: a lost signature cannot be recreated, and the conversation is what the caller asked to
 * continue. LiteLLM does the same with `modify_params` (BerriAI/litellm#17106, #18787).
 */
export function applyThinkingRules(request: ChatRequest, context: RuleContext): ChatRequest {
  let next = request;
  if (next.reasoning !== undefined && context.model.capabilities.reasoning === 'anthropic-thinking') {
    next = keepHistory(next, context);
  }
  if (next.reasoning !== undefined && context.model.capabilities.reasoning === 'anthropic-thinking') {
    next = fitSettings(next, context);
  }
  return next.reasoning === undefined ? stripFinalReasoning(next, context) : next;
}

function keepHistory(request: ChatRequest, context: RuleContext): ChatRequest {
  const { reasoning: _off, ...withoutReasoning } = request;
  const last = request.messages.length - 1;
  if (request.messages[last]?.role === 'assistant') {
    context.issue({
      code: 'reasoning-with-prefill',
      path: 'reasoning',
      problem:
        'Extended thinking cannot continue a prefilled assistant message (the conversation ends with an assistant turn).',
      repaired: 'Turned thinking off for this request.',
      fix: 'End the conversation with a user message, or remove `reasoning`.',
    });
    return withoutReasoning;
  }
  const turn = toolLoopTurn(request.messages);
  const first = turn === undefined ? undefined : request.messages[turn]?.content[0];
  if (turn !== undefined && (first === undefined || !isReasoning(first))) {
    context.issue({
      code: 'reasoning-missing-in-tool-turn',
      path: blockPath(turn, 0),
      problem:
        'With thinking enabled, the assistant turn that called the tools being answered must start with its signed thinking block, and it does not (the block was lost or stripped).',
      repaired: 'Turned thinking off for this request.',
      fix: 'Send back the reasoning blocks Bedrock returned, unchanged and first in that turn, or remove `reasoning`.',
    });
    return withoutReasoning;
  }
  return request;
}

function fitSettings(request: ChatRequest, context: RuleContext): ChatRequest {
  const next = { ...request };
  const reasoning = { ...request.reasoning! };
  const { maxOutputTokens } = context.model;
  if (reasoning.budgetTokens < MIN_REASONING_BUDGET) {
    context.issue({
      code: 'reasoning-budget-too-small',
      path: 'reasoning.budgetTokens',
      problem: `The thinking budget must be at least ${MIN_REASONING_BUDGET} tokens (got ${reasoning.budgetTokens}).`,
      repaired: `Raised it to ${MIN_REASONING_BUDGET}.`,
      fix: `Set \`reasoning.budgetTokens\` to ${MIN_REASONING_BUDGET} or more.`,
    });
    reasoning.budgetTokens = MIN_REASONING_BUDGET;
  }
  if (reasoning.budgetTokens >= maxOutputTokens) {
    context.issue({
      code: 'reasoning-budget-too-large',
      path: 'reasoning.budgetTokens',
      problem: `The thinking budget must be below the model's output limit of ${maxOutputTokens} tokens.`,
      repaired: `Lowered it to ${maxOutputTokens - 1}.`,
      fix: `Set \`reasoning.budgetTokens\` below ${maxOutputTokens}.`,
    });
    reasoning.budgetTokens = maxOutputTokens - 1;
  }
  if (next.maxTokens !== undefined && next.maxTokens <= reasoning.budgetTokens) {
    // maxTokens read as the answer's allowance on top of the thinking, as the Vercel AI SDK's
    // Anthropic provider does (max_tokens = maxOutputTokens + budget).
    const raised = Math.min(next.maxTokens + reasoning.budgetTokens, maxOutputTokens);
    context.issue({
      code: 'max-tokens-below-reasoning-budget',
      path: 'maxTokens',
      problem: `maxTokens (${next.maxTokens}) must be above the thinking budget (${reasoning.budgetTokens}), which it includes.`,
      repaired: `Raised it to ${raised}.`,
      fix: 'Set `maxTokens` above `reasoning.budgetTokens`.',
    });
    next.maxTokens = raised;
  }
  next.reasoning = reasoning;
  const sampling = [
    { key: 'temperature', allowed: (value: number) => value === 1 },
    { key: 'topP', allowed: () => false },
    { key: 'topK', allowed: () => false },
  ] as const;
  for (const { key, allowed } of sampling) {
    const value = next[key];
    if (value === undefined || allowed(value)) continue;
    context.issue({
      code: `${key === 'topP' ? 'top-p' : key === 'topK' ? 'top-k' : key}-with-reasoning`,
      path: key,
      problem: `Extended thinking is not compatible with ${key}${key === 'temperature' ? ' other than 1' : ''}.`,
      repaired: 'Removed it.',
      fix: `Remove \`${key}\`, or turn thinking off.`,
    });
    delete next[key];
  }
  if (next.toolChoice?.type === 'any' || next.toolChoice?.type === 'tool') {
    context.issue({
      code: 'tool-choice-forced-with-reasoning',
      path: 'toolChoice',
      problem: `Thinking may not be enabled when toolChoice forces tool use ('${next.toolChoice.type}').`,
      repaired: "Changed it to 'auto'.",
      fix: "Use toolChoice 'auto', or turn thinking off.",
    });
    next.toolChoice = { type: 'auto' };
  }
  return next;
}

/**
 * With thinking off, "an `assistant` message in the final position cannot contain `thinking`"
 * (Anthropic's answer quoted in BerriAI/litellm#18926); earlier turns may keep theirs.
 */
function stripFinalReasoning(request: ChatRequest, context: RuleContext): ChatRequest {
  const last = request.messages.length - 1;
  const final = request.messages[last];
  if (final?.role !== 'assistant' || !final.content.some(isReasoning)) return request;
  context.issue({
    code: 'reasoning-in-final-assistant',
    path: messagePath(last),
    problem: 'With thinking off, a final (prefilled) assistant message cannot contain reasoning blocks.',
    repaired: 'Removed them.',
    fix: 'Remove the reasoning blocks from the final assistant message, or enable `reasoning`.',
  });
  const content = final.content.filter((block) => !isReasoning(block));
  const messages = request.messages.slice(0, last);
  return { ...request, messages: content.length > 0 ? [...messages, withContent(final, content)] : messages };
}
