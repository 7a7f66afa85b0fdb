/**
 * Meta Llama 2 and Llama 3+ (`meta.llama*`): `{prompt, max_gen_len, temperature, top_p}` in,
 * `{generation, prompt_token_count, generation_token_count, stop_reason}` out. The two differ only in
 * the chat template the prompt carries and in Llama 3.2+'s `images`. Text only: tool calls and
 * reasoning in a reply are not rendered.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { ConversationView, InvocationMetrics, Reply, Usage } from '../conversation/types.js';
import type { NativeCodec, NativeContext, NativeFamily } from './codec.js';
import { decodeInstPrompt, decodeLlama3Prompt } from './prompt-templates.js';
import { arrayOf, assertValid, type NumberSchema, objectOf, type Schema, str, unit } from './schema.js';
import { base64Bytes, type DecodedPrompt, promptView, sniffImageFormat } from './view.js';
import { closingFields, guardrailFields, replyText, runningCounts } from './wire.js';

// Bedrock caps the generation length: `#/max_gen_len: 8192 is not less or equal to 2048`.
const maxGenLen: NumberSchema = { type: 'integer', minimum: 1, maximum: 2048 };

const llama2Body: Schema = objectOf({ prompt: str, max_gen_len: maxGenLen, temperature: unit, top_p: unit }, [
  'prompt',
]);

/** Llama 3.2 and later take images as base64 strings beside the prompt. */
const llama3Body: Schema = objectOf(
  { prompt: str, max_gen_len: maxGenLen, temperature: unit, top_p: unit, images: arrayOf(str) },
  ['prompt'],
);

interface LlamaRequest {
  prompt: string;
  max_gen_len?: number;
  images?: string[];
}

function decoder(schema: Schema, template: (prompt: string) => DecodedPrompt) {
  return (body: unknown): ConversationView => {
    assertValid(schema, body);
    const request = body as LlamaRequest;
    const view = promptView(template(request.prompt), { maxTokens: request.max_gen_len });
    const images = request.images ?? [];
    if (images.length > 0) {
      const blocks = images.map((data) => ({
        kind: 'image' as const,
        format: sniffImageFormat(data),
        bytes: base64Bytes(data),
      }));
      const lastUser = view.messages.findLast((message) => message.role === 'user');
      if (lastUser) lastUser.blocks.unshift(...blocks);
      else view.messages.push({ role: 'user', blocks });
    }
    return view;
  };
}

const stopReason = (reply: Reply): string => (reply.stopReason === 'max_tokens' ? 'length' : 'stop');

function encodeResponse(reply: Reply, usage: Usage): unknown {
  return {
    generation: replyText(reply),
    prompt_token_count: usage.inputTokens,
    generation_token_count: usage.outputTokens,
    stop_reason: stopReason(reply),
    ...guardrailFields(reply),
  };
}

/**
 * One chunk per delta with a running `generation_token_count`; only the first carries
 * `prompt_token_count`. A closing chunk with empty text carries the stop reason and the metrics.
 */
function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  const deltas = splitIntoDeltas(replyText(reply), ctx.wordsPerDelta);
  const counts = runningCounts(usage.outputTokens, deltas.length);
  const chunks: Record<string, unknown>[] = deltas.map((generation, i) => ({
    generation,
    prompt_token_count: i === 0 ? usage.inputTokens : null,
    generation_token_count: counts[i],
    stop_reason: null,
  }));
  chunks.push({
    generation: '',
    prompt_token_count: chunks.length === 0 ? usage.inputTokens : null,
    generation_token_count: usage.outputTokens,
    stop_reason: stopReason(reply),
    ...closingFields(reply, usage, metrics),
  });
  return chunks;
}

function llamaCodec(family: NativeFamily, decodeRequest: (body: unknown) => ConversationView): NativeCodec {
  return { family, decodeRequest, encodeResponse, encodeStream };
}

export const llama2 = llamaCodec('llama2', decoder(llama2Body, decodeInstPrompt));
export const llama3 = llamaCodec('llama3', decoder(llama3Body, decodeLlama3Prompt));
