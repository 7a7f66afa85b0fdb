import type { FastifyReply, FastifyRequest } from 'fastify';
import { owned } from './owned.js';
import type { TurnDeps } from './run-turn.js';
import { openSse, writeSse } from './sse.js';

/** How often a follower reads the store for new events of a turn running on another gateway. */
const POLL_MS = 200;
/**
 * The same for a turn running here, whose events and end wake followers at once: only a backstop, so
 * many followers of a local turn do not turn into many reads a second.
 */
const LOCAL_POLL_MS = 2000;

/**
 * `GET /api/conversations/:id/events`: replays the stored events after `after` (or Last-Event-ID), then,
 * while a turn runs in the conversation — on this gateway or any other on the database — tails the
 * stored events until that turn's `done`, or until the conversation is free again (a turn that failed
 * ends without one). The store is the only source, so every follower sees the same ids in the same
 * order; a turn running here wakes its followers at once instead of at the next poll.
 */
export async function followEvents(
  deps: TurnDeps,
  request: FastifyRequest<{ Params: { id: string }; Querystring: { after?: number } }>,
  reply: FastifyReply,
): Promise<void> {
  const conversation = await owned(deps.store, request, request.params.id);
  const header = Number(request.headers['last-event-id']);
  let after = request.query.after ?? (Number.isInteger(header) ? header : 0);
  reply.hijack();
  const res = reply.raw;
  openSse(res);
  const closed = deps.trackStream?.();
  if (closed) res.once('close', closed);
  let wake: (() => void) | undefined;
  // A notice that lands while the store is being read is kept, so the next wait does not miss it.
  let noticed = false;
  const unsubscribe = deps.live.subscribe(conversation.id, () => {
    if (wake) wake();
    else noticed = true;
  });
  try {
    for (;;) {
      noticed = false;
      // Read before the events: once the conversation is free, every event of its turn is stored.
      const running = (await deps.store.turns.running([conversation.id])).get(conversation.id);
      let ended = false;
      for (const event of await deps.store.events.listAfter(conversation.id, after)) {
        writeSse(res, event.event, event.data, event.seq);
        after = event.seq;
        if (event.event === 'done' && event.turnId === running) ended = true;
      }
      if (ended || running === undefined || res.destroyed) return;
      if (noticed) continue;
      // Until the next poll, an event of a turn running here, or the client leaving.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          res.off('close', done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, deps.live.runsHere(conversation.id) ? LOCAL_POLL_MS : POLL_MS);
        res.once('close', done);
        wake = done;
      });
    }
  } finally {
    unsubscribe();
    res.end();
  }
}
