import { setTimeout as sleep } from 'node:timers/promises';
import { corruptFrame, exceptionFrame } from '../eventstream/frames.js';
import type { Fault } from '../faults/fault.js';
import { streamException } from '../faults/fault.js';
import { resetExchange, type ServerRequest, type ServerResponse, writeChunk } from './exchange.js';

export interface StreamPlan {
  frames: Uint8Array[];
  headers: Record<string, string>;
  /** Pause before each frame after the first, in ms (`slow` fault or the emulator's pacing). */
  delayMs: number;
  fault?: Fault;
}

/**
 * Returns a wait: for `ms` (or forever when undefined) or until the client goes away, resolving
 * whether the client is still there. One close listener serves every wait of the exchange.
 */
export function closeAwareWait(res: ServerResponse): (ms: number | undefined) => Promise<boolean> {
  const closed = new Promise<false>((resolve) => res.once('close', () => resolve(false)));
  return async (ms) => {
    if (res.destroyed || res.writableEnded) return false;
    if (ms === undefined) return closed;
    const waited = await Promise.race([sleep(ms).then(() => true as const), closed]);
    return waited && !res.destroyed;
  };
}

/**
 * Writes an event stream frame by frame, shaping delivery by the fault: pauses, a stall, an
 * exception frame, a reset or a frame with a broken CRC at frame `after` (default: half-way).
 */
export async function writeStream(req: ServerRequest, res: ServerResponse, plan: StreamPlan): Promise<void> {
  const { frames, fault } = plan;
  const waitOrClose = closeAwareWait(res);
  if (fault?.kind === 'latency' && !(await waitOrClose(fault.ms))) return;
  if (fault?.kind === 'stall' && !(await waitOrClose(fault.ms))) return;
  res.writeHead(200, { ...plan.headers, 'content-type': 'application/vnd.amazon.eventstream' });
  // Send the headers now, as Bedrock does, so a client sees the response start before any event.
  if ('flushHeaders' in res) res.flushHeaders();
  const faultAt = fault && 'after' in fault ? (fault.after ?? Math.floor(frames.length / 2)) : -1;
  const delay = fault?.kind === 'slow' ? fault.ms : plan.delayMs;
  for (const [i, frame] of frames.entries()) {
    if (res.destroyed) return;
    if (i === faultAt && fault) {
      switch (fault.kind) {
        case 'stall-mid-stream':
          if (!(await waitOrClose(fault.ms))) return;
          break;
        case 'stream-exception': {
          const exception = streamException(fault.exception);
          const extra =
            fault.exception === 'modelStreamErrorException'
              ? { originalStatusCode: 500, originalMessage: 'The model stream failed.' }
              : {};
          res.end(exceptionFrame(fault.exception, { message: exception?.message ?? 'Error', ...extra }));
          return;
        }
        case 'reset':
          // Let the frames written so far reach the client first: a reset mid-reply, not before it.
          await sleep(20);
          resetExchange(req, res);
          return;
        case 'corrupt-crc':
          writeChunk(res, corruptFrame(frame));
          continue;
      }
    }
    if (i > 0 && delay > 0 && !(await waitOrClose(delay))) return;
    if (!writeChunk(res, frame)) {
      const drained = new Promise<boolean>((resolve) => res.once('drain', () => resolve(true)));
      if (!(await Promise.race([drained, waitOrClose(undefined)]))) return;
    }
  }
  res.end();
}
