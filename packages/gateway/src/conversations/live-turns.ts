import { EventEmitter } from 'node:events';
import type { StoredEvent } from '../storage/types.js';

interface LiveTurn {
  turnId: string;
  controller: AbortController;
}

/**
 * What this gateway process is doing right now: the turns it runs (to abort them at once), the
 * approvals they wait for (to wake them when this process takes the answer), and a feed of their events
 * (to wake followers at once). Everything durable — which turn runs where, approvals, events — is in the
 * store, and other gateways learn of it there.
 */
export class LiveTurns {
  private readonly turns = new Map<string, LiveTurn>();
  private readonly wakers = new Map<string, () => void>();
  private readonly feed = new EventEmitter();

  constructor() {
    this.feed.setMaxListeners(0);
  }

  /** Registers a turn the store has let this process run (a stale one of the same conversation is replaced). */
  start(conversationId: string, turnId: string): AbortController {
    const controller = new AbortController();
    this.turns.set(conversationId, { turnId, controller });
    return controller;
  }

  finish(conversationId: string, turnId: string): void {
    if (this.turns.get(conversationId)?.turnId !== turnId) return;
    this.turns.delete(conversationId);
    // Followers learn at once that the turn is over, even one that ended without a `done`.
    this.feed.emit(conversationId);
  }

  /** Whether this process runs the conversation's current turn. */
  runsHere(conversationId: string): boolean {
    return this.turns.has(conversationId);
  }

  /** Aborts the conversation's turn if this process runs it; false otherwise. */
  abort(conversationId: string): boolean {
    const turn = this.turns.get(conversationId);
    turn?.controller.abort();
    return turn !== undefined;
  }

  /** Resolves after `ms`, or sooner when `wake(id)` is called or `signal` aborts. */
  nap(id: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakers.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wakers.set(id, done);
    });
  }

  /** Wakes a turn of this process napping on approval `id`, if any. */
  wake(id: string): void {
    this.wakers.get(id)?.();
  }

  publish(event: StoredEvent): void {
    this.feed.emit(event.conversationId, event);
  }

  /** Calls `listener` with each event of the conversation this process stores, and without one when its turn ends. */
  subscribe(conversationId: string, listener: (event?: StoredEvent) => void): () => void {
    this.feed.on(conversationId, listener);
    return () => this.feed.off(conversationId, listener);
  }
}
