import type { Message } from '../types/content.js';
import type { ChatRequest } from '../types/request.js';
import { messagePath, PLACEHOLDER_TEXT, textBlock } from './blocks.js';
import type { RuleContext } from './context.js';

/** A request without messages has nothing to repair from: always an error, checked before any rule. */
export function requireMessages(request: ChatRequest, context: RuleContext): ChatRequest {
  if (request.messages.length > 0) return request;
  return context.fail({
    code: 'no-messages',
    path: 'messages',
    problem: 'The request has no messages.',
    fix: 'Add at least one user message.',
  });
}

/**
 * Turn structure: Bedrock wants at least one message, no empty message ("The content field in the
 * Message object at messages.1 is empty"), a user message first, and user and assistant alternating.
 *
 * - An empty message is dropped, as the Vercel AI SDK and pi skip them (vercel/ai#15248,
 *   earendil-works/pi#3443), except a final user message: dropping it would turn the previous
 *   assistant reply into a prefill the model continues, so it keeps a placeholder instead.
 * - Consecutive messages of one role are merged in order, as the Vercel AI SDK groups them.
 * - A conversation that opens with the assistant (a compacted or resumed history) gets a placeholder
 *   user message in front, as hermes-agent does, rather than losing the assistant's words.
 */
export function normalizeRoles(request: ChatRequest, context: RuleContext): ChatRequest {
  const messages = mergeSameRole(dropEmpty(request.messages, context), context);
  if (messages[0]?.role !== 'user') {
    context.issue({
      code: 'first-message-not-user',
      path: messagePath(0),
      problem: 'A conversation must start with a user message.',
      repaired: 'Added a placeholder user message in front.',
      fix: 'Start the conversation with a user message.',
    });
    messages.unshift({ role: 'user', content: [textBlock(PLACEHOLDER_TEXT)] });
  }
  return { ...request, messages };
}

function dropEmpty(messages: Message[], context: RuleContext): Message[] {
  const last = messages.length - 1;
  return messages.flatMap((message, i) => {
    if (message.content.length > 0) return [message];
    const keep = i === last && message.role === 'user';
    context.issue({
      code: keep ? 'empty-message-filled' : 'empty-message-removed',
      path: messagePath(i),
      problem: 'The message has no content (or none Bedrock accepts).',
      repaired: keep ? 'Gave the final user message placeholder text.' : 'Removed the message.',
      fix: 'Remove empty messages or give them content.',
    });
    return keep ? [{ ...message, content: [textBlock(PLACEHOLDER_TEXT)] }] : [];
  });
}

function mergeSameRole(messages: Message[], context: RuleContext): Message[] {
  const merged: Message[] = [];
  messages.forEach((message, i) => {
    const previous = merged.at(-1);
    if (previous?.role !== message.role) {
      merged.push(message);
      return;
    }
    context.issue({
      code: 'consecutive-roles-merged',
      path: messagePath(i),
      problem: `Two ${message.role} messages in a row; Bedrock wants user and assistant to alternate.`,
      repaired: 'Merged it into the message before, keeping the order of its content.',
      fix: 'Combine consecutive messages of the same role into one.',
    });
    merged[merged.length - 1] = { ...previous, content: [...previous.content, ...message.content] };
  });
  return merged;
}
