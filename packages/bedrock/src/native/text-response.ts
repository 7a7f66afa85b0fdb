import type { DecodedResponse, DecoderNote } from '../converse/decoded.js';
import type { JsonRecord } from '../converse/read-json.js';
import type { StopReason, Usage } from '../types/events.js';
import { guardrailIntervened } from './invocation-metrics.js';

/**
 * A text family's whole reply. `stopSeen` tells whether the body carried a stop reason at all; a body
 * without text or stop was probably not a reply (its `complete` is false).
 */
export function textResponse(
  body: JsonRecord,
  reply: { text: string | undefined; stopReason: StopReason; stopSeen: boolean; usage: Usage },
  notes: DecoderNote[],
): DecodedResponse {
  return {
    message: { role: 'assistant', content: reply.text ? [{ type: 'text', text: reply.text }] : [] },
    stopReason: guardrailIntervened(body) ? 'guardrail_intervened' : reply.stopReason,
    usage: reply.usage,
    complete: reply.text !== undefined && reply.stopSeen,
    notes,
  };
}
