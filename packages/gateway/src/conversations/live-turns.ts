import { EventEmitter } from 'node:events';
import type { StoredEvent } from '../storage/types.js';

interface LiveTurn {
  turnId: string;
  controller: AbortController;
}

/**
 * What this gateway process is doing right now: the turns it runs (to abort them), the approvals they
 * wait for (to wake them when this process takes the answer), and a feed of their events (for clients
 * that reconnect and follow). Everything durable — approvals included — is in the store.
 */
export class LiveTurns {
  private readonly turns = new Map<string, LiveTurn>();
  private readonly wakers = new Map<string, () => void>();
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
  }

  isLive(conversationId: string): boolean {
    return this.turns.has(conversationId);
  }

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

  subscribe(conversationId: string, listener: (event: StoredEvent) => void): () => void {
    this.feed.on(conversationId, listener);
    return () => this.feed.off(conversationId, listener);
  }
}
