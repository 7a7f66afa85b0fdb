export type {
  ApplicationProfileConfig,
  ScriptFile,
  ScriptMatch,
  ScriptReply,
  ScriptRule,
} from './behaviour/script.js';
export { ScriptError } from './behaviour/script.js';
export type { Fault, FaultKind } from './faults/fault.js';
export { FAULT_KINDS } from './faults/fault.js';
export { FaultSpecError } from './faults/parse-fault.js';
export type { RecordedExchange } from './record/exchange.js';
export { FAULT_HEADER, startEmulator } from './server/emulator.js';
export type {
  EmulatorCredential,
  EmulatorOptions,
  EmulatorStats,
  RunningEmulator,
} from './server/options.js';
