/**
 * The Bedrock API models as the emulator's front door: routing, request binding and input validation
 * driven by the official Smithy models in ../../specs, answering as AWS does.
 */
export {
  MAX_LISTED_VIOLATIONS,
  type UnknownOperationResponse,
  unknownOperationBody,
  validationMessage,
} from './aws-responses.js';
export { bindInput, type RawHttpInput } from './bind-input.js';
export { errorStatus, type Operation, operations, type ServiceName } from './load-models.js';
export { matchOperation } from './match-operation.js';
export { validateInput } from './validate-input.js';
