import type { ContentBlock, SystemBlock, ToolResultContent } from '../types/content.js';
import type { ToolDefinition } from '../types/request.js';

/** Estimates a text's tokens; the planner's default is four characters a token. */
export type EstimateTokens = (text: string) => number;

/**
 * Anthropic counts an image as about width × height / 750 tokens, and resizes large ones to about
 * 1.15 megapixels, about 1,600 tokens. Without decoding, assume that much.
 */
const IMAGE_TOKENS = 1600;
/**
 * A PDF page costs Anthropic 1,500–3,000 tokens; with the page count unknown, one page. Estimates
 * err low on purpose: a point left out costs one uncached turn, one placed short of the minimum
 * wastes one of the four.
 */
const DOCUMENT_TOKENS = 1500;

function partTokens(part: ToolResultContent, estimate: EstimateTokens): number {
  switch (part.type) {
    case 'text':
      return estimate(part.text);
    case 'json':
      return estimate(JSON.stringify(part.json) ?? '');
    case 'image':
      return IMAGE_TOKENS;
    case 'document':
      return DOCUMENT_TOKENS;
  }
}

/**
 * The input tokens one block adds to the prompt prefix. Reasoning counts nothing: Claude drops
 * thinking from earlier turns before counting, and a low estimate is the safe side.
 */
export function blockTokens(block: ContentBlock | SystemBlock, estimate: EstimateTokens): number {
  switch (block.type) {
    case 'text':
    case 'image':
    case 'document':
      return partTokens(block, estimate);
    case 'tool-use':
      return estimate(block.name + (JSON.stringify(block.input) ?? ''));
    case 'tool-result':
      return block.content.reduce((sum, part) => sum + partTokens(part, estimate), 0);
    case 'reasoning':
    case 'redacted-reasoning':
    case 'cache-point':
      return 0;
  }
}

/** Tool definitions as the model reads them: name, description and schema. */
export function toolTokens(tools: readonly ToolDefinition[] | undefined, estimate: EstimateTokens): number {
  return (tools ?? []).reduce((sum, tool) => sum + estimate(JSON.stringify(tool)), 0);
}
