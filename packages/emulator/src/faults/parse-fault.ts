import { FAULT_KINDS, type Fault, type FaultKind, streamException } from './fault.js';

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const numberParam = (params: Map<string, string>, key: string, spec: string): number | undefined => {
  const raw = params.get(key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new FaultSpecError(`Fault "${spec}": ${key} must be a non-negative number, got "${raw}".`);
  }
  return value;
};

const isKind = (kind: string): kind is FaultKind => (FAULT_KINDS as readonly string[]).includes(kind);

/**
 * Parses one fault as written in the `x-strata-emulator-fault` header or a script rule:
 * `kind[;key=value…]`, e.g. `throttle;retry-after=2`, `slow;ms=20`, `stream-exception;after=3`.
 */
export function parseFault(spec: string): Fault {
  const [head = '', ...rest] = spec.split(';').map((s) => s.trim());
  const params = new Map<string, string>();
  for (const pair of rest) {
    const [key, value] = pair.split('=', 2);
    if (!key || value === undefined)
      throw new FaultSpecError(`Fault "${spec}": expected key=value, got "${pair}".`);
    params.set(key.trim(), value.trim());
  }
  if (!isKind(head))
    throw new FaultSpecError(`Unknown fault "${head}". Known faults: ${FAULT_KINDS.join(', ')}.`);
  const after = numberParam(params, 'after', spec);
  const ms = numberParam(params, 'ms', spec);
  const withAfter = after !== undefined ? { after } : {};
  const withMs = ms !== undefined ? { ms } : {};
  switch (head) {
    case 'throttle': {
      const retryAfterSeconds = numberParam(params, 'retry-after', spec);
      return { kind: 'throttle', ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
    }
    case 'latency':
    case 'slow':
      return { kind: head, ms: ms ?? (head === 'slow' ? 50 : 500) };
    case 'stall':
      return { kind: 'stall', ...withMs };
    case 'stall-mid-stream':
      return { kind: 'stall-mid-stream', ...withMs, ...withAfter };
    case 'stream-exception': {
      const exception = params.get('type') ?? 'modelStreamErrorException';
      if (!streamException(exception))
        throw new FaultSpecError(`Fault "${spec}": unknown exception type "${exception}".`);
      return { kind: 'stream-exception', exception, ...withAfter };
    }
    case 'reset':
    case 'corrupt-crc':
      return { kind: head, ...withAfter };
    default:
      return { kind: head };
  }
}

export interface FaultRate {
  fault: Fault;
  rate: number;
}

/** Parses `--faults throttle=0.1,internal=0.05,slow;ms=20=0.2`: each fault with its probability. */
export function parseFaultRates(spec: string): FaultRate[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf('=');
      const rate = Number(entry.slice(at + 1));
      if (at <= 0 || !Number.isFinite(rate) || rate < 0 || rate > 1) {
        throw new FaultSpecError(
          `Fault rate "${entry}": expected fault=probability with a probability from 0 to 1.`,
        );
      }
      return { fault: parseFault(entry.slice(0, at)), rate };
    });
}
