import type {
  ContentBlock,
  Message,
  ReasoningBlock,
  RedactedReasoningBlock,
  TextBlock,
  ToolResultBlock,
  ToolResultContent,
  ToolUseBlock,
} from '../types/content.js';

/**
 * Text put where Bedrock needs some and the caller gave none (an emptied final user turn, a user
 * turn before a leading assistant turn). It must not be whitespace: Bedrock rejects blank text
 * ("The text field in the ContentBlock object at … is blank"), and hermes-agent learnt that a lone
 * space stopped passing when the check tightened (NousResearch/hermes-agent#67978 settled on "(empty)").
 */
export const PLACEHOLDER_TEXT = '(empty)';

export const isBlank = (text: string): boolean => text.trim() === '';

export const textBlock = (text: string): TextBlock => ({ type: 'text', text });

export const isReasoning = (block: ContentBlock): block is ReasoningBlock | RedactedReasoningBlock =>
  block.type === 'reasoning' || block.type === 'redacted-reasoning';

export const messagePath = (index: number): string => `messages.${index}`;
export const blockPath = (message: number, block: number): string => `messages.${message}.content.${block}`;

/** Tool input as JSON; inputs that do not serialise (cycles, BigInt) fall back to their string form. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/**
 * A tool call kept as text when it cannot stay a tool block, so the model still sees what it did
 * (term-llm turns dangling tool calls into text stubs rather than dropping them, SamSaffron/term-llm#48).
 */
export function toolUseAsText(block: ToolUseBlock): TextBlock {
  return textBlock(`[Tool call ${block.name} (id ${block.id}) with input ${json(block.input)}]`);
}

function resultPartAsText(part: ToolResultContent): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'json':
      return json(part.json);
    case 'image':
      return '[image]';
    case 'document':
      return `[document ${part.name}]`;
  }
}

/**
 * A tool result kept as ordinary content when it answers no tool call, so the user's data is not lost
 * (Roo Code converts orphaned tool results to text, RooCodeInc/Roo-Code#10927). Images and documents
 * stay as blocks where media is allowed (user turns); elsewhere they are named in the text.
 */
export function toolResultAsBlocks(block: ToolResultBlock, keepMedia: boolean): ContentBlock[] {
  const status = block.status === 'error' ? ' (error)' : '';
  const lines = [`[Tool result for id ${block.toolUseId}${status}]`];
  const media: ContentBlock[] = [];
  for (const part of block.content) {
    if (keepMedia && (part.type === 'image' || part.type === 'document')) media.push(part);
    else lines.push(resultPartAsText(part));
  }
  return [textBlock(lines.filter((line) => !isBlank(line)).join('\n')), ...media];
}

/** The same message with new content, or the message itself when nothing changed. */
export function withContent(message: Message, content: ContentBlock[]): Message {
  const same =
    content.length === message.content.length && content.every((block, i) => block === message.content[i]);
  return same ? message : { ...message, content };
}
