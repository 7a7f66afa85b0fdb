import type { Bedrock, ChatEvent, ChatRequest } from '@strata/bedrock';

/**
 * Starts a Bedrock stream and waits for its first event before anything is sent to the caller, so
 * whatever fails up front (unknown model, refused request, throttling after retries) is answered as
 * an ordinary HTTP error with its status — not as a 200 stream that fails. `error` events become
 * throws, so consumers handle one kind of failure.
 */
export async function startChatStream(
  bedrock: Bedrock,
  request: ChatRequest,
): Promise<AsyncGenerator<ChatEvent, void, undefined>> {
  const iterator = bedrock.stream(request)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (!first.done && first.value.type === 'error') {
    await iterator.return?.();
    throw first.value.error;
  }
  return (async function* rest() {
    try {
      for (let next = first; !next.done; next = await iterator.next()) {
        if (next.value.type === 'error') throw next.value.error;
        yield next.value;
      }
    } finally {
      // Stops the Bedrock call when the consumer leaves early (a client disconnect).
      await iterator.return?.();
    }
  })();
}
