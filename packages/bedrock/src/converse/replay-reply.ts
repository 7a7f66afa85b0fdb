/**
 * A whole reply (Converse, InvokeModel) as the ChatEvents a stream of it would have carried, put through
 * the same assembler as every stream: so `chat()` answers the same whichever way the reply came, and
 * `stream()` can serve a model that cannot stream the request (tool use without streaming tool use).
 */
import type { ChatEvent } from '../types/events.js';
import type { DecodedResponse } from './decoded.js';
import { asRecord } from './read-json.js';
import { StreamAssembler, type StreamDecoderOptions } from './stream-assembler.js';

/** The events of a reply, up to and including `message-stop`; the caller prices and adds `usage`. */
export function replayReply(reply: DecodedResponse, options: StreamDecoderOptions): ChatEvent[] {
  const a = new StreamAssembler(options);
  a.start();
  reply.message.content.forEach((block, index) => {
    switch (block.type) {
      case 'text':
        a.text(index, block.text);
        break;
      case 'reasoning':
        a.reasoning(index, {
          text: block.text,
          ...(block.signature !== undefined ? { signature: block.signature } : {}),
        });
        break;
      case 'redacted-reasoning':
        a.reasoning(index, { redacted: block.data });
        break;
      case 'tool-use':
        a.toolStart(index, block.id, block.name);
        a.toolDelta(index, JSON.stringify(block.input ?? {}));
        break;
      default:
        // Nothing else comes back from a model (images, documents and tool results are inputs).
        return;
    }
    a.stopBlock(index);
  });
  a.stopMessage(reply.stopReason, reply.additionalFields);
  // Where a stream carries it: in the metadata after the message stop.
  const guardrail = asRecord(reply.trace).guardrail;
  if (guardrail !== undefined) a.guardrail(guardrail);
  return a.drain();
}
