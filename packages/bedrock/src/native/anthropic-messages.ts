import { AnthropicStreamDecoder, decodeAnthropicResponse } from './anthropic-decode.js';
import { encodeAnthropicMessages } from './anthropic-encode.js';
import type { NativeCodec } from './types.js';

/** Claude 3 and later through InvokeModel: Anthropic's Messages API body. */
export const anthropicMessages: NativeCodec = {
  family: 'anthropic-messages',
  encodeRequest: encodeAnthropicMessages,
  decodeResponse: decodeAnthropicResponse,
  streamDecoder: (options) => new AnthropicStreamDecoder(options),
};
