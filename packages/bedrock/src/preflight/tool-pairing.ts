import type { ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockPath, textBlock, toolResultAsBlocks, toolUseAsText, withContent } from './blocks.js';
import type { RuleContext } from './context.js';

/** Bedrock's longest toolUseId. */
const MAX_TOOL_USE_ID = 64;

/** What an unanswered tool call gets, so the model learns the call failed rather than seeing a hole. */
export const MISSING_RESULT_TEXT = 'Tool result missing';

/**
 * Tool calls and results, on a conversation whose turns already alternate. Bedrock answers
 * "Expected toolResult blocks at messages.2.content for the following Ids: …", "The number of
 * toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn" and
 * "The toolUse blocks at messages.2.content contain duplicate Ids"; Claude also wants the results
 * first in their message ("Did not find 1 `tool_result` block(s) at the beginning of this message",
 * fixed the same way in langchain-ai/langchain-aws#389).
 *
 * - A tool call in a user turn, or a result in an assistant turn, becomes text.
 * - A repeated call id is renamed, and the results that follow are paired with the calls in order
 *   (Mistral on Bedrock has returned duplicate ids for parallel calls, vercel-ai fixture
 *   amazon-bedrock-mistral-duplicate-tool-call-ids-error.json).
 * - A result that answers no call of the turn just before becomes text, keeping what the tool said.
 * - A call with no result gets an error result, as Strands does for interrupted tool runs
 *   (strands-agents/harness-sdk#1123); a final assistant turn with calls gets a user turn for them.
 */
export function pairToolBlocks(request: ChatRequest, context: RuleContext): ChatRequest {
  const placed = request.messages.map((message, i) => moveMisplaced(message, i, context));
  return { ...request, messages: answerToolUses(renameDuplicates(placed, context), context) };
}

const toolUses = (message: Message | undefined): ToolUseBlock[] =>
  message?.role === 'assistant' ? message.content.filter((block) => block.type === 'tool-use') : [];

function moveMisplaced(message: Message, i: number, context: RuleContext): Message {
  const misplaced = message.role === 'user' ? 'tool-use' : 'tool-result';
  const content = message.content.flatMap((block, j): ContentBlock[] => {
    if (block.type !== misplaced) return [block];
    const call = block.type === 'tool-use';
    context.issue({
      code: call ? 'tool-use-in-user-turn' : 'tool-result-in-assistant-turn',
      path: blockPath(i, j),
      problem: call ? 'Tool calls belong in assistant messages.' : 'Tool results belong in user messages.',
      repaired: 'Turned the block into text.',
      fix: call
        ? 'Move the tool call to the assistant message.'
        : 'Move the tool result to the next user message.',
    });
    return block.type === 'tool-use' ? [toolUseAsText(block)] : toolResultAsBlocks(block, false);
  });
  return withContent(message, content);
}

function uniqueId(id: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${id.slice(0, MAX_TOOL_USE_ID - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Repeated call ids (in one turn or across turns) renamed, with the next turn's results following. */
function renameDuplicates(messages: Message[], context: RuleContext): Message[] {
  const taken = new Set(messages.flatMap((message) => toolUses(message).map((use) => use.id)));
  const seen = new Set<string>();
  const out = [...messages];
  out.forEach((message, i) => {
    if (message.role !== 'assistant') return;
    // For each original id, the ids its calls carry after renaming, in order.
    const order = new Map<string, string[]>();
    let renamed = false;
    const content = message.content.map((block, j) => {
      if (block.type !== 'tool-use') return block;
      const id = seen.has(block.id) ? uniqueId(block.id, taken) : block.id;
      seen.add(id);
      taken.add(id);
      order.set(block.id, [...(order.get(block.id) ?? []), id]);
      if (id === block.id) return block;
      renamed = true;
      context.issue({
        code: 'duplicate-tool-use-id',
        path: blockPath(i, j),
        problem: `The tool call id ${block.id} is used more than once.`,
        repaired: `Renamed this call ${id}, and the result that answers it in the next turn.`,
        fix: 'Give every tool call a unique id.',
      });
      return { ...block, id };
    });
    if (!renamed) return;
    out[i] = withContent(message, content);
    const answer = out[i + 1];
    if (answer?.role !== 'user') return;
    const results = answer.content.map((block) => {
      if (block.type !== 'tool-result') return block;
      const id = order.get(block.toolUseId)?.shift();
      return id === undefined || id === block.toolUseId ? block : { ...block, toolUseId: id };
    });
    out[i + 1] = withContent(answer, results);
  });
  return out;
}

function missingResult(use: ToolUseBlock, context: RuleContext): ToolResultBlock {
  const result: ToolResultBlock = {
    type: 'tool-result',
    toolUseId: use.id,
    content: [textBlock(MISSING_RESULT_TEXT)],
  };
  // Bedrock: toolResult `status` "is only supported by Amazon Nova and Anthropic Claude 3 and 4 models".
  const family = context.model.family;
  return family === 'anthropic-messages' || family === 'nova' ? { ...result, status: 'error' } : result;
}

function reportMissing(use: ToolUseBlock, path: string, context: RuleContext): void {
  context.issue({
    code: 'tool-result-missing',
    path,
    problem: `The tool call ${use.id} (${use.name}) has no result in the next user message.`,
    repaired: `Added an error result "${MISSING_RESULT_TEXT}".`,
    fix: 'Answer every tool call with a tool result in the next user message.',
  });
}

function answerToolUses(messages: Message[], context: RuleContext): Message[] {
  const out = messages.map((message, i) => {
    if (message.role !== 'user') return message;
    const asked = toolUses(messages[i - 1]);
    const answered = new Set<string>();
    const content = message.content.flatMap((block, j): ContentBlock[] => {
      if (block.type !== 'tool-result') return [block];
      const known = asked.some((use) => use.id === block.toolUseId);
      if (known && !answered.has(block.toolUseId)) {
        answered.add(block.toolUseId);
        return [block];
      }
      context.issue({
        code: known ? 'duplicate-tool-result' : 'orphan-tool-result',
        path: blockPath(i, j),
        problem: known
          ? `The tool call ${block.toolUseId} is answered more than once.`
          : `The tool result for ${block.toolUseId} answers no tool call of the assistant message just before.`,
        repaired: 'Turned the result into text, keeping its content.',
        fix: 'Send exactly one tool result per tool call, in the user message right after the call.',
      });
      return toolResultAsBlocks(block, true);
    });
    const missing = asked.flatMap((use) => {
      if (answered.has(use.id)) return [];
      reportMissing(use, blockPath(i - 1, messages[i - 1]!.content.indexOf(use)), context);
      return [missingResult(use, context)];
    });
    return withContent(message, resultsFirst([...missing, ...content], i, context));
  });
  const last = messages.length - 1;
  const unanswered = toolUses(messages[last]);
  if (unanswered.length === 0) return out;
  const results = unanswered.map((use) => {
    reportMissing(use, blockPath(last, messages[last]!.content.indexOf(use)), context);
    return missingResult(use, context);
  });
  return [...out, { role: 'user', content: results }];
}

/**
 * Tool results moved to the front. Each block moves with the cache points right after it, which
 * mark it (Converse turns a cache point into `cache_control` on the block before).
 */
function resultsFirst(content: ContentBlock[], i: number, context: RuleContext): ContentBlock[] {
  const units: ContentBlock[][] = [];
  for (const block of content) {
    const previous = units.at(-1);
    if (block.type === 'cache-point' && previous !== undefined) previous.push(block);
    else units.push([block]);
  }
  const isResult = (unit: ContentBlock[]) => unit[0]?.type === 'tool-result';
  const firstOther = units.findIndex((unit) => !isResult(unit));
  if (firstOther === -1 || !units.slice(firstOther).some(isResult)) return content;
  context.issue({
    code: 'tool-results-reordered',
    path: `messages.${i}.content`,
    problem: 'Tool results must come first in their message, before any text or media.',
    repaired: 'Moved the tool results to the front, keeping the order of everything else.',
    fix: 'Put tool results before other content in the message.',
  });
  return [...units.filter(isResult), ...units.filter((unit) => !isResult(unit))].flat();
}
