/**
 * Amazon Titan Text (`amazon.titan-text-*`): `{inputText, textGenerationConfig}` in,
 * `{inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}` out. Text only: tool
 * calls and reasoning in a reply are not rendered.
 */
import { splitIntoDeltas } from '../conversation/deltas.js';
import type { ConversationView, InvocationMetrics, Reply, Usage } from '../conversation/types.js';
import type { NativeCodec, NativeContext } from './codec.js';
import { decodeUserBotPrompt } from './prompt-templates.js';
import { arrayOf, assertValid, int, objectOf, type Schema, str, unit } from './schema.js';
import { promptView } from './view.js';
import { closingFields, guardrailFields, replyText } from './wire.js';

// Titan stops only on `|` runs or `User:`; other sequences fail the schema's pattern
// (`#/textGenerationConfig/stopSequences/0: string [Observation] does not match pattern ^(\|+|User:)$`).
const textBody: Schema = objectOf(
  {
    inputText: str,
    textGenerationConfig: objectOf({
      maxTokenCount: { ...int, minimum: 0 },
      temperature: unit,
      topP: unit,
      stopSequences: arrayOf({ type: 'string', pattern: '^(\\|+|User:)$' }),
    }),
  },
  ['inputText'],
);

interface TitanRequest {
  inputText: string;
  textGenerationConfig?: { maxTokenCount?: number; stopSequences?: string[] };
}

function decodeRequest(body: unknown): ConversationView {
  assertValid(textBody, body);
  const request = body as TitanRequest;
  return promptView(decodeUserBotPrompt(request.inputText), {
    maxTokens: request.textGenerationConfig?.maxTokenCount,
    stopSequences: request.textGenerationConfig?.stopSequences,
  });
}

function completionReason(reply: Reply): string {
  if (reply.stopReason === 'max_tokens') return 'LENGTH';
  if (reply.stopReason === 'guardrail_intervened' || reply.stopReason === 'content_filtered') {
    return 'CONTENT_FILTERED';
  }
  return 'FINISH';
}

function encodeResponse(reply: Reply, usage: Usage): unknown {
  return {
    inputTextTokenCount: usage.inputTokens,
    results: [
      {
        tokenCount: usage.outputTokens,
        outputText: replyText(reply),
        completionReason: completionReason(reply),
      },
    ],
    ...guardrailFields(reply),
  };
}

/**
 * Every chunk has all five fields: the first carries `inputTextTokenCount`, the last the output total,
 * the completion reason and the metrics; the rest hold nulls there.
 */
function encodeStream(reply: Reply, usage: Usage, metrics: InvocationMetrics, ctx: NativeContext): unknown[] {
  const deltas = splitIntoDeltas(replyText(reply), ctx.wordsPerDelta);
  if (deltas.length === 0) deltas.push('');
  return deltas.map((outputText, i) => {
    const last = i === deltas.length - 1;
    return {
      outputText,
      index: 0,
      totalOutputTextTokenCount: last ? usage.outputTokens : null,
      completionReason: last ? completionReason(reply) : null,
      inputTextTokenCount: i === 0 ? usage.inputTokens : null,
      ...(last ? closingFields(reply, usage, metrics) : {}),
    };
  });
}

export const titanText: NativeCodec = { family: 'titan-text', decodeRequest, encodeResponse, encodeStream };
