import type { ModelFamily } from '../models/model-info.js';
import { anthropicMessages } from './anthropic-messages.js';
import { claudeText } from './claude-text.js';
import { cohereCommandR } from './cohere-command-r.js';
import { llama2, llama3 } from './llama.js';
import { mistral } from './mistral.js';
import { nova } from './nova.js';
import { titanText } from './titan-text.js';
import type { NativeCodec } from './types.js';

const CODECS: Record<ModelFamily, NativeCodec> = {
  'anthropic-messages': anthropicMessages,
  'claude-text': claudeText,
  'titan-text': titanText,
  nova,
  llama2,
  llama3,
  mistral,
  'cohere-command-r': cohereCommandR,
};

/** The InvokeModel codec of a model family. */
export const nativeCodecFor = (family: ModelFamily): NativeCodec => CODECS[family];

export { usageFromInvokeHeaders } from './invocation-metrics.js';
export type { NativeCodec, NativeStreamDecoder } from './types.js';
