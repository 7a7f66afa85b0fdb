import { EventEmitter } from 'node:events';

export interface Timeouts {
  /** From sending the request to the first byte of the response (headers, and for streams the first event). */
  firstByteMs?: number;
  /** Longest silence between two stream events. */
  idleMs?: number;
  /** The whole call, retries included. */
  totalMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<Timeouts> = { firstByteMs: 60_000, idleMs: 60_000, totalMs: 600_000 };

export type TimeoutKind = 'first-byte' | 'idle' | 'total';

/**
 * One attempt's abort signal, as undici takes it (an EventEmitter with `aborted` and `reason`). Node's
 * AbortSignal is an EventTarget, and making one and having undici listen to it cost about 15 µs a call.
 */
export class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * The watchdog of one call: an attempt signal that fires when the caller aborts or a timer runs out,
 * remembering which. `touch()` re-arms the idle (or first-byte) timer on each event.
 */
export class Watchdog {
  private attempt = new AttemptSignal();
  /** Made only when a backoff needs it: most calls never retry. */
  private callController?: AbortController;
  /** Why the whole call ended (caller abort or total timeout), for a callController made later. */
  private callEnded?: { reason: unknown };
  /** Why the watchdog fired, when it did; undefined when the caller aborted. */
  fired?: TimeoutKind;
  private idleTimer?: NodeJS.Timeout;
  /** What `idleTimer` currently times, so re-arming the same kind is a cheap `refresh()`. */
  private armed?: TimeoutKind;
  private readonly totalTimer?: NodeJS.Timeout;
  private readonly onCallerAbort = () => {
    this.attempt.abort(this.callerSignal?.reason);
    this.endCall(this.callerSignal?.reason);
  };

  constructor(
    private readonly timeouts: Required<Timeouts>,
    private readonly callerSignal?: AbortSignal,
  ) {
    if (callerSignal?.aborted) this.onCallerAbort();
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (timeouts.totalMs > 0) this.totalTimer = setTimeout(() => this.fire('total'), timeouts.totalMs);
    this.arm('first-byte', timeouts.firstByteMs);
  }

  /** The current attempt's signal: aborted by the caller, the total timeout, or this attempt's timers. */
  get signal(): AttemptSignal {
    return this.attempt;
  }

  /** Aborted only by the caller or the total timeout: what ends the whole call. */
  get callSignal(): AbortSignal {
    if (!this.callController) {
      this.callController = new AbortController();
      if (this.callEnded) this.callController.abort(this.callEnded.reason);
    }
    return this.callController.signal;
  }

  /**
   * Starts a new attempt: a fresh signal when only the previous attempt's first-byte or idle timer fired
   * (the caller's abort and the total timeout end the call), and the first-byte timer armed again.
   */
  restart(): void {
    if (this.attempt.aborted && this.fired !== undefined && this.fired !== 'total') {
      this.attempt = new AttemptSignal();
      this.fired = undefined;
    }
    this.arm('first-byte', this.timeouts.firstByteMs);
  }

  /** No timer but the total one runs (between attempts, while backing off). */
  pause(): void {
    clearTimeout(this.idleTimer);
    this.armed = undefined;
  }

  /** Something arrived: from now on, only the idle timeout applies until the next event. */
  touch(): void {
    this.arm('idle', this.timeouts.idleMs);
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.totalTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Starts the idle/first-byte timer; the same kind again only refreshes it (this runs per stream event). */
  private arm(kind: TimeoutKind, ms: number): void {
    if (this.armed === kind && this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    clearTimeout(this.idleTimer);
    this.armed = ms > 0 ? kind : undefined;
    if (ms > 0) this.idleTimer = setTimeout(() => this.fire(kind), ms);
  }

  private endCall(reason: unknown): void {
    this.callEnded ??= { reason };
    this.callController?.abort(reason);
  }

  private fire(kind: TimeoutKind): void {
    if (kind !== 'total') this.armed = undefined;
    if (this.attempt.aborted) return;
    this.fired = kind;
    this.attempt.abort(new Error(`${kind} timeout`));
    if (kind === 'total') this.endCall(new Error('total timeout'));
  }
}
