import type { CompiledRule } from '../behaviour/script.js';
import type { Catalog } from '../catalog/index.js';
import type { PromptCache } from '../conversation/usage.js';
import type { FaultRate } from '../faults/parse-fault.js';

/** What every operation handler reads: the emulator's configuration and its few pieces of state. */
export interface RuntimeContext {
  region: string;
  catalog: Catalog;
  rules: CompiledRule[];
  faultRates: FaultRate[];
  random: () => number;
  cache: PromptCache;
  wordsPerDelta: number;
  streamDelayMs: number;
  /** Counts replies, to derive distinct deterministic ids. */
  sequence: { next: number };
}
