/**
 * Mistral AI (`mistral.*`). Text completions, `{prompt: "<s>[INST] … [/INST]", max_tokens, stop,
 * temperature, top_p, top_k}` → `{outputs: [{text, stop_reason}]}`, are text only. A body with
 * `messages` is the chat-completions API of Mistral Large 2+ (mistral-chat.ts), which carries tools;
 * the answer takes the shape of the request, so the encoders look at `ctx.requestBody`.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { ConversationView, InvocationMetrics, Reply, Usage } from '../conversation/types.js';
import type { NativeCodec, NativeContext } from './codec.js';
import { decodeChat, encodeChatResponse, encodeChatStream } from './mistral-chat.js';
import { decodeInstPrompt } from './prompt-templates.js';
import { arrayOf, assertValid, isObject, objectOf, type Schema, str, unit } from './schema.js';
import { promptView } from './view.js';
import { closingFields, guardrailFields, replyText } from './wire.js';

const textBody: Schema = objectOf(
  {
    prompt: str,
    max_tokens: { type: 'integer', minimum: 1 },
    stop: arrayOf(str, { maxItems: 10 }),
    temperature: unit,
    top_p: unit,
    top_k: { type: 'integer', minimum: 1, maximum: 200 },
  },
  ['prompt'],
);

interface TextRequest {
  prompt: string;
  max_tokens?: number;
  stop?: string[];
}

const isChat = (body: unknown): boolean => isObject(body) && 'messages' in body;

function decodeRequest(body: unknown): ConversationView {
  if (isChat(body)) return decodeChat(body);
  assertValid(textBody, body);
  const request = body as TextRequest;
  return promptView(decodeInstPrompt(request.prompt), {
    maxTokens: request.max_tokens,
    stopSequences: request.stop,
  });
}

const stopReason = (reply: Reply): string => (reply.stopReason === 'max_tokens' ? 'length' : 'stop');

function encodeResponse(reply: Reply, _usage: Usage, ctx: NativeContext): unknown {
  if (isChat(ctx.requestBody)) return encodeChatResponse(reply);
  return { outputs: [{ text: replyText(reply), stop_reason: stopReason(reply) }], ...guardrailFields(reply) };
}

function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  if (isChat(ctx.requestBody)) return encodeChatStream(reply, usage, metrics, ctx);
  const chunks: Record<string, unknown>[] = splitIntoDeltas(replyText(reply), ctx.wordsPerDelta).map(
    (text) => ({
      outputs: [{ text, stop_reason: null }],
    }),
  );
  chunks.push({
    outputs: [{ text: '', stop_reason: stopReason(reply) }],
    ...closingFields(reply, usage, metrics),
  });
  return chunks;
}

export const mistral: NativeCodec = { family: 'mistral', decodeRequest, encodeResponse, encodeStream };
