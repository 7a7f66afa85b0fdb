import type { ConversationView } from '../conversation/types.js';
import { validationError } from '../errors/emulator-error.js';

/** Bedrock's limit on cache checkpoints per request (system, tools and messages together). */
export const MAX_CACHE_POINTS = 4;

type Json = Record<string, unknown>;

/**
 * The checks Bedrock makes after the Smithy model accepts a Converse request — the ones the model
 * cannot express — in Bedrock's order and with its messages (see shared/bedrock-wire.md and the
 * captured errors in shared/fixtures/bedrock).
 */
export function checkConverseRules(input: Json, view: ConversationView): void {
  const messages = view.messages;
  if (messages.length === 0) {
    throw validationError(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  if (messages[0]?.role !== 'user') {
    throw validationError(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  const hasToolConfig = input.toolConfig !== undefined && input.toolConfig !== null;
  let cachePoints = view.toolCachePoints + view.system.filter((b) => b.kind === 'cachePoint').length;
  for (const [i, message] of messages.entries()) {
    if (i > 0 && messages[i - 1]?.role === message.role) {
      throw validationError(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    if (message.blocks.length === 0) {
      throw validationError(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    for (const [j, block] of message.blocks.entries()) {
      if (block.kind === 'text' && block.text.trim() === '') {
        throw validationError(
          `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
        );
      }
      if ((block.kind === 'toolUse' || block.kind === 'toolResult') && !hasToolConfig) {
        throw validationError(
          'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
        );
      }
      if (block.kind === 'reasoning' && message.role === 'user') {
        throw validationError(
          'User messages cannot contain reasoning content. Please remove the reasoning content and try again.',
        );
      }
      if (block.kind === 'cachePoint') cachePoints++;
    }
    checkToolPairing(view, i);
  }
  if (cachePoints > MAX_CACHE_POINTS) {
    throw validationError(
      `The number of cache points in the request exceeds the maximum of ${MAX_CACHE_POINTS}. Found ${cachePoints}. Remove cache points and try again.`,
    );
  }
}

/** toolUse ids must be unique in a turn, and the next user turn must answer each of them. */
function checkToolPairing(view: ConversationView, index: number): void {
  const message = view.messages[index];
  if (!message) return;
  const uses = message.blocks.flatMap((b) => (b.kind === 'toolUse' ? [b.toolUseId] : []));
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const id of uses) {
    if (seen.has(id)) duplicates.push(id);
    seen.add(id);
  }
  if (duplicates.length > 0) {
    throw validationError(
      `The toolUse blocks at messages.${index}.content contain duplicate Ids: ${duplicates.join(', ')}`,
    );
  }
  if (message.role !== 'user') return;
  const results = message.blocks.flatMap((b) => (b.kind === 'toolResult' ? [b.toolUseId] : []));
  const previous = view.messages[index - 1];
  const asked = previous?.blocks.flatMap((b) => (b.kind === 'toolUse' ? [b.toolUseId] : [])) ?? [];
  if (results.length > asked.length) {
    throw validationError(
      `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`,
    );
  }
  const missing = asked.filter((id) => !results.includes(id));
  if (missing.length > 0) {
    throw validationError(
      `Expected toolResult blocks at messages.${index}.content for the following Ids: ${missing.join(', ')}`,
    );
  }
}
