/**
 * Amazon Nova's native body (`schemaVersion: "messages-v1"`) is Converse's shape with Nova-only
 * parameters (`topK`, `reasoningConfig`) inline rather than in additionalModelRequestFields, and its
 * reply and stream are Converse's too, so this codec is built from the Converse pieces.
 */
import { applyConverseEvent } from '../converse/converse-stream-decoder.js';
import { fromConverseResponse } from '../converse/from-converse.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asRecord } from '../converse/read-json.js';
import { StreamDecoderBase } from '../converse/stream-assembler.js';
import { converseInferenceConfig, toConverseMessages, toConverseSystem } from '../converse/to-converse.js';
import { toConverseToolConfig } from '../converse/tool-config.js';
import { ValidationError } from '../errors/strata-error.js';
import type { ChatEvent } from '../types/events.js';
import { compact } from './body.js';
import { guardrailIntervened, invocationMetrics } from './invocation-metrics.js';
import type { NativeCodec, NativeStreamDecoder } from './types.js';

const BEDROCK_KEYS = new Set(['amazon-bedrock-invocationMetrics', 'amazon-bedrock-guardrailAction']);

/** Each chunk is `{<converse member>: payload}`; the last adds the invocation metrics. */
class NovaStreamDecoder extends StreamDecoderBase implements NativeStreamDecoder {
  decodeChunk(chunk: unknown): ChatEvent[] {
    const a = this.assembler;
    const r = asRecord(chunk);
    for (const [member, payload] of Object.entries(r)) {
      if (!BEDROCK_KEYS.has(member)) applyConverseEvent(a, member, payload);
    }
    // Nova's own metadata chunk carries usage with cache counts; the metrics stand in if it is missing.
    const metrics = invocationMetrics(r);
    if (metrics && !a.hasUsage) a.setUsage(metrics.usage, metrics.latencyMs);
    return a.drain();
  }
}

export const nova: NativeCodec = {
  family: 'nova',
  encodeRequest(request, model) {
    if (request.reasoning) {
      throw new ValidationError(
        `${model.name} takes no thinking budget; Nova's reasoning is configured with additionalModelRequestFields.reasoningConfig.`,
        { path: 'reasoning' },
      );
    }
    const inference = compact({ ...converseInferenceConfig(request), topK: request.topK });
    const body = compact({
      schemaVersion: 'messages-v1',
      system: toConverseSystem(request.system),
      messages: toConverseMessages(request.messages),
      inferenceConfig: Object.keys(inference).length > 0 ? inference : undefined,
      toolConfig: toConverseToolConfig(request, model).toolConfig,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  },
  decodeResponse(body) {
    const decoded = fromConverseResponse(body);
    if (guardrailIntervened(asRecord(body))) decoded.stopReason = 'guardrail_intervened';
    return decoded;
  },
  streamDecoder: (options) => new NovaStreamDecoder(options),
};
