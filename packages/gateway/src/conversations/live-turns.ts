import { EventEmitter } from 'node:events';
import type { ApprovalDecision } from '@strata/agent';
import type { StoredEvent } from '../storage/types.js';

interface PendingApproval {
  conversationId: string;
  resolve(decision: ApprovalDecision): void;
}

interface LiveTurn {
  turnId: string;
  controller: AbortController;
}

/**
 * What this gateway process is doing right now: the turns it runs (to abort them), their pending
 * approvals (to answer them), and a feed of their events (for clients that reconnect and follow).
 * Everything durable is in the store; this is only the in-flight part.
 */
export class LiveTurns {
  private readonly turns = new Map<string, LiveTurn>();
  private readonly approvals = new Map<string, PendingApproval>();
  private readonly feed = new EventEmitter();

  constructor() {
    this.feed.setMaxListeners(0);
  }

  start(conversationId: string, turnId: string): AbortController | undefined {
    if (this.turns.has(conversationId)) return undefined;
    const controller = new AbortController();
    this.turns.set(conversationId, { turnId, controller });
    return controller;
  }

  finish(conversationId: string): void {
    this.turns.delete(conversationId);
    for (const [id, approval] of this.approvals) {
      if (approval.conversationId === conversationId) {
        approval.resolve({ decision: 'deny', reason: 'The turn ended before an answer came.' });
        this.approvals.delete(id);
      }
    }
  }

  isLive(conversationId: string): boolean {
    return this.turns.has(conversationId);
  }

  abort(conversationId: string): boolean {
    const turn = this.turns.get(conversationId);
    turn?.controller.abort();
    return turn !== undefined;
  }

  /** Waits for a person (or API client) to answer an approval request raised by a turn. */
  awaitApproval(id: string, conversationId: string, signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve) => {
      const onAbort = () => {
        this.approvals.delete(id);
        resolve({ decision: 'deny', reason: 'The turn was aborted.' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.approvals.set(id, {
        conversationId,
        resolve: (decision) => {
          signal.removeEventListener('abort', onAbort);
          resolve(decision);
        },
      });
    });
  }

  /** Answers a pending approval; false when no turn here is waiting for it. */
  answer(id: string, decision: ApprovalDecision): { conversationId: string } | undefined {
    const approval = this.approvals.get(id);
    if (!approval) return undefined;
    this.approvals.delete(id);
    approval.resolve(decision);
    return { conversationId: approval.conversationId };
  }

  approvalConversation(id: string): string | undefined {
    return this.approvals.get(id)?.conversationId;
  }

  publish(event: StoredEvent): void {
    this.feed.emit(event.conversationId, event);
  }

  subscribe(conversationId: string, listener: (event: StoredEvent) => void): () => void {
    this.feed.on(conversationId, listener);
    return () => this.feed.off(conversationId, listener);
  }
}
