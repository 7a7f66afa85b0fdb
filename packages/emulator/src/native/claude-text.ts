/**
 * Claude v2 / Instant text completions: `{prompt: "\n\nHuman: …\n\nAssistant:", max_tokens_to_sample}`
 * in, `{type: "completion", completion, stop_reason, stop}` out. Text only: tool calls and reasoning in a
 * reply are not rendered. A body with `messages` is the Messages API, which Claude 2.x also serves.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { ConversationView, InvocationMetrics, Reply, Usage } from '../conversation/types.js';
import { validationError } from '../errors/emulator-error.js';
import { anthropicMessages } from './anthropic-messages.js';
import { textCompletionBody } from './anthropic-schema.js';
import type { NativeCodec, NativeContext } from './codec.js';
import { assertValid, isObject, joinedDetail } from './schema.js';
import { type DecodedPrompt, promptView, type Turn } from './view.js';
import { closingFields, guardrailFields, replyText } from './wire.js';

const HUMAN = '\n\nHuman:';
const ASSISTANT = '\n\nAssistant:';

interface TextRequest {
  prompt: string;
  max_tokens_to_sample: number;
  stop_sequences?: string[];
}

/**
 * Takes a `\n\nHuman:` / `\n\nAssistant:` prompt apart. Text before the first Human turn is the system
 * prompt; the last turn must be the Assistant's, and any text after it is a prefill.
 */
function decodeHumanAssistant(prompt: string): DecodedPrompt {
  const first = prompt.indexOf(HUMAN);
  if (first === -1 || prompt.slice(0, first).includes(ASSISTANT)) {
    throw validationError(`prompt must start with "${HUMAN}" turn after an optional system prompt`);
  }
  const turns: Turn[] = [];
  const marker = /\n\n(Human|Assistant):/g;
  const matches = [...prompt.slice(first).matchAll(marker)];
  matches.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = matches[i + 1]?.index ?? prompt.length - first;
    turns.push({
      role: match[1] === 'Human' ? 'user' : 'assistant',
      text: prompt.slice(first + start, first + end).trim(),
    });
  });
  const last = turns.at(-1);
  if (last?.role !== 'assistant') throw validationError(`prompt must end with "${ASSISTANT}" turn`);
  if (last.text === '') turns.pop();
  const system = prompt.slice(0, first).trim();
  return system === '' ? { turns } : { system, turns };
}

/** Claude 2.x also speaks the Messages API; such a body is decoded and answered as one. */
const isMessages = (body: unknown): boolean => isObject(body) && 'messages' in body;

function decodeRequest(body: unknown): ConversationView {
  if (isMessages(body)) return anthropicMessages.decodeRequest(body);
  assertValid(textCompletionBody, body, joinedDetail);
  const request = body as TextRequest;
  return promptView(decodeHumanAssistant(request.prompt), {
    maxTokens: request.max_tokens_to_sample,
    stopSequences: request.stop_sequences,
  });
}

/** Claude's completions report a natural end as the `\n\nHuman:` stop sequence. */
function stopFields(reply: Reply, ctx: NativeContext): { stop_reason: string; stop: string | null } {
  if (reply.stopReason === 'max_tokens') return { stop_reason: 'max_tokens', stop: null };
  const stop = reply.stopReason === 'stop_sequence' ? (ctx.stopSequence ?? HUMAN) : HUMAN;
  return { stop_reason: 'stop_sequence', stop };
}

function encodeResponse(reply: Reply, usage: Usage, ctx: NativeContext): unknown {
  if (isMessages(ctx.requestBody)) return anthropicMessages.encodeResponse(reply, usage, ctx);
  return {
    type: 'completion',
    completion: replyText(reply),
    ...stopFields(reply, ctx),
    ...guardrailFields(reply),
  };
}

function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  if (isMessages(ctx.requestBody)) return anthropicMessages.encodeStream(reply, usage, metrics, ctx);
  const chunks: unknown[] = splitIntoDeltas(replyText(reply), ctx.wordsPerDelta).map((completion) => ({
    type: 'completion',
    completion,
    stop_reason: null,
    stop: null,
  }));
  chunks.push({
    type: 'completion',
    completion: '',
    ...stopFields(reply, ctx),
    ...closingFields(reply, usage, metrics),
  });
  return chunks;
}

export const claudeText: NativeCodec = { family: 'claude-text', decodeRequest, encodeResponse, encodeStream };
