/** Helpers that build the model-neutral ConversationView from decoded native bodies. */
import type { ConversationView, Role, ViewBlock, ViewMessage } from '../conversation/types.js';

/** A conversation turn recovered from a text prompt. */
export interface Turn {
  role: Role;
  text: string;
}

/** A prompt template taken apart: the system prompt (if any) and the turns in order. */
export interface DecodedPrompt {
  system?: string;
  turns: Turn[];
}

export function emptyView(): ConversationView {
  return { system: [], messages: [], tools: [], toolCachePoints: 0, stopSequences: [], reasoning: false };
}

export const textBlock = (text: string): ViewBlock => ({ kind: 'text', text });

/** The view of a text-only family: a decoded prompt plus its generation limits. */
export function promptView(
  prompt: DecodedPrompt,
  limits: { maxTokens?: number; stopSequences?: string[] },
): ConversationView {
  const messages: ViewMessage[] = prompt.turns.map((turn) => ({
    role: turn.role,
    blocks: [textBlock(turn.text)],
  }));
  return {
    ...emptyView(),
    system: prompt.system ? [textBlock(prompt.system)] : [],
    messages,
    maxTokens: limits.maxTokens,
    stopSequences: limits.stopSequences ?? [],
  };
}

/** Bytes a base64 string decodes to, without decoding it. */
export function base64Bytes(data: string): number {
  const clean = data.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

const SIGNATURES: ReadonlyArray<readonly [string, string]> = [
  ['iVBORw0KGgo', 'png'],
  ['/9j/', 'jpeg'],
  ['R0lGOD', 'gif'],
  ['UklGR', 'webp'],
];

/** The image format of base64 data that names none (Llama 3.2 `images`), from its magic bytes. */
export function sniffImageFormat(data: string): string {
  return SIGNATURES.find(([prefix]) => data.startsWith(prefix))?.[1] ?? 'unknown';
}
