export { type CollectedResult, collect, MessageCollector, textOf } from './collect-events.js';
export { ConverseStreamDecoder } from './converse-stream-decoder.js';
export type { DecodedResponse, DecoderNote } from './decoded.js';
export { fromConverseContent, fromConverseMessage, fromConverseResponse } from './from-converse.js';
export type { StreamDecoderOptions, StreamEnd } from './stream-assembler.js';
export { toConverse } from './to-converse.js';
export type * from './wire-types.js';
