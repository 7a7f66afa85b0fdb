import type { ContentBlock, ToolResultContent } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { blockPath, isBlank, PLACEHOLDER_TEXT, textBlock, withContent } from './blocks.js';
import type { RuleContext } from './context.js';

/**
 * Blank text: Bedrock rejects any text block that is empty or only whitespace ("The text field in
 * the ContentBlock object at messages.0.content.0 is blank"), in messages, in tool results and in
 * the system prompt, and Anthropic rejects blank stop sequences. Blank blocks carry nothing, so they
 * are removed, as the Vercel AI SDK and pi do (earendil-works/pi#4975); a message left empty is the
 * business of `normalizeRoles`.
 */
export function removeBlankText(request: ChatRequest, context: RuleContext): ChatRequest {
  const messages = request.messages.map((message, i) => {
    const content = message.content.flatMap((block, j): ContentBlock[] => {
      const path = blockPath(i, j);
      if (block.type === 'text' && isBlank(block.text)) {
        reportBlank(context, path);
        return [];
      }
      if (block.type !== 'tool-result') return [block];
      const parts = block.content.filter((part, k) => {
        const blank = part.type === 'text' && isBlank(part.text);
        if (blank) reportBlank(context, `${path}.content.${k}`);
        return !blank;
      });
      if (parts.length === block.content.length) return [block];
      // A result whose every part was blank still answers its call; it says so instead of nothing.
      const kept: ToolResultContent[] = parts.length > 0 ? parts : [textBlock(PLACEHOLDER_TEXT)];
      return [{ ...block, content: kept }];
    });
    return withContent(message, content);
  });
  const next = { ...request, messages };
  const system = cleanSystem(request.system, context);
  if (system === undefined) delete next.system;
  else next.system = system;
  const stops = request.stopSequences?.filter((stop, i) => {
    if (!isBlank(stop)) return true;
    context.issue({
      code: 'blank-stop-sequence-removed',
      path: `stopSequences.${i}`,
      problem: 'Stop sequences must contain a non-whitespace character.',
      repaired: 'Removed it.',
      fix: 'Remove blank stop sequences.',
    });
    return false;
  });
  if (stops !== undefined && stops.length !== request.stopSequences?.length) {
    if (stops.length > 0) next.stopSequences = stops;
    else delete next.stopSequences;
  }
  return next;
}

function reportBlank(context: RuleContext, path: string): void {
  context.issue({
    code: 'blank-text-removed',
    path,
    problem: 'The text is empty or only whitespace, which Bedrock rejects.',
    repaired: 'Removed the block.',
    fix: 'Remove the block or give it text.',
  });
}

/** A system prompt without any text left is dropped whole, cache points included (nothing to cache). */
function cleanSystem(system: ChatRequest['system'], context: RuleContext): ChatRequest['system'] {
  if (system === undefined) return undefined;
  if (typeof system === 'string') {
    if (!isBlank(system)) return system;
    reportBlankSystem(context);
    return undefined;
  }
  const kept = system.filter((block, i) => {
    const blank = block.type === 'text' && isBlank(block.text);
    if (blank) reportBlank(context, `system.${i}`);
    return !blank;
  });
  if (kept.some((block) => block.type === 'text')) return kept.length === system.length ? system : kept;
  if (system.length > 0) reportBlankSystem(context);
  return undefined;
}

function reportBlankSystem(context: RuleContext): void {
  context.issue({
    code: 'blank-system-removed',
    path: 'system',
    problem: 'The system prompt has no text.',
    repaired: 'Removed it.',
    fix: 'Remove `system` or give it text.',
  });
}

/**
 * A conversation that ends with an assistant turn asks the model to continue that text (a prefill),
 * and Claude rejects a prefill ending in whitespace. The Vercel AI SDK trims it for the same reason
 * (`trimIfLast` in convert-to-bedrock-chat-messages.ts). Runs after the turns are settled.
 */
export function trimPrefill(request: ChatRequest, context: RuleContext): ChatRequest {
  const last = request.messages.length - 1;
  const final = request.messages[last];
  if (final?.role !== 'assistant') return request;
  const j = final.content.findLastIndex((block) => block.type !== 'cache-point');
  const block = final.content[j];
  if (block?.type !== 'text' || block.text.trimEnd() === block.text) return request;
  context.issue({
    code: 'prefill-trailing-whitespace-trimmed',
    path: blockPath(last, j),
    problem: 'A final (prefilled) assistant message cannot end with whitespace.',
    repaired: 'Trimmed it.',
    fix: 'Trim trailing whitespace from the final assistant message.',
  });
  const content = final.content.map((b, k) => (k === j ? textBlock(block.text.trimEnd()) : b));
  return { ...request, messages: [...request.messages.slice(0, last), withContent(final, content)] };
}
