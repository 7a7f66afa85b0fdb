import type { ContentBlock, Message } from '@strata/bedrock';

/**
 * Appends content as a turn, merging into the previous message when it has the same role: both
 * dialects allow consecutive same-role messages (OpenAI's tool messages always come in a row), and
 * Bedrock wants roles to alternate even when the library's preflight is strict. Empty turns are dropped.
 */
export function appendMessage(messages: Message[], role: Message['role'], content: ContentBlock[]): void {
  if (content.length === 0) return;
  const last = messages.at(-1);
  if (last?.role === role) last.content.push(...content);
  else messages.push({ role, content });
}
