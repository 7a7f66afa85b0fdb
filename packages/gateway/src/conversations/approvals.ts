import type { ApprovalDecision } from '@strata/agent';
import type { Store } from '../storage/types.js';
import type { LiveTurns } from './live-turns.js';

/** How often a waiting turn reads its approval row for an answer given on another gateway. */
const POLL_MS = 100;

/** An approval's public id: the agent's id is unique only within its run. */
export const approvalId = (turnId: string, agentId: string): string => `${turnId}:${agentId}`;

/**
 * Waits for the answer to a stored approval. Any gateway on the database may take the answer, so the
 * row is the truth and is polled; an answer taken by this process wakes the wait at once (`live.wake`).
 * An aborted turn, a closed approval or one past its expiry is a denial; expiring is a conditional
 * update like answering, so an answer that got in first still counts.
 */
export async function awaitApproval(
  store: Store,
  live: LiveTurns,
  id: string,
  signal: AbortSignal,
): Promise<ApprovalDecision> {
  for (;;) {
    if (signal.aborted) {
      // Closed before the turn goes on to its end, so an answer arriving after `done` is refused.
      await store.approvals.close({ id }).catch(() => 0);
      return { decision: 'deny', reason: 'The turn was aborted.' };
    }
    const approval = await store.approvals.get(id);
    if (approval?.status === 'answered' && approval.answer) return approval.answer;
    if (!approval || approval.status === 'closed')
      return { decision: 'deny', reason: 'The approval was closed before an answer came.' };
    const left = Date.parse(approval.expiresAt) - Date.now();
    if (left <= 0) {
      if (await store.approvals.close({ id })) return { decision: 'deny', reason: 'No answer came in time.' };
      continue;
    }
    await live.nap(id, Math.min(POLL_MS, left), signal);
  }
}
