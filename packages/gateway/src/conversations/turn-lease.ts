import { randomUUID } from 'node:crypto';
import type { Store } from '../storage/types.js';
import type { LiveTurns } from './live-turns.js';

/** How long a turn holds its conversation without being renewed: a stopped gateway frees it this late. */
const LEASE_MS = 15_000;
/** How often the running gateway reads its turn's row for an abort asked on another gateway. */
const POLL_MS = 250;

/** A turn this gateway holds the conversation for. */
export interface HeldTurn {
  turnId: string;
  /** Aborts on a local abort, an abort asked on any gateway, or when the turn loses its conversation. */
  signal: AbortSignal;
  /** Stops watching and frees the conversation. */
  release(): Promise<void>;
}

const leaseFromNow = () => new Date(Date.now() + LEASE_MS).toISOString();

/**
 * Claims the conversation for a new turn in the database, so that of all the gateways on it only one
 * runs a turn there at a time; undefined when another turn holds it. While held, the row is read every
 * `POLL_MS` for an abort asked elsewhere (or the conversation's deletion) and the lease renewed when
 * half spent.
 */
export async function claimTurn(
  deps: { store: Store; live: LiveTurns },
  conversationId: string,
): Promise<HeldTurn | undefined> {
  const { store, live } = deps;
  const turnId = randomUUID();
  if (!(await store.turns.start({ conversationId, turnId, leaseUntil: leaseFromNow() }))) return undefined;
  const controller = live.start(conversationId, turnId);
  let checking = false;
  const check = async () => {
    const row = await store.turns.get(conversationId);
    if (!row || row.turnId !== turnId || row.abortRequested) return controller.abort();
    if (Date.parse(row.leaseUntil) - Date.now() < LEASE_MS / 2)
      if (!(await store.turns.renew(conversationId, turnId, leaseFromNow()))) controller.abort();
  };
  const timer = setInterval(() => {
    if (checking || controller.signal.aborted) return;
    checking = true;
    // A failed read is retried on the next tick; the lease has time to spare.
    check()
      .catch(() => undefined)
      .finally(() => {
        checking = false;
      });
  }, POLL_MS);
  timer.unref();
  return {
    turnId,
    signal: controller.signal,
    async release() {
      clearInterval(timer);
      live.finish(conversationId, turnId);
      await store.turns.finish(conversationId, turnId);
    },
  };
}
