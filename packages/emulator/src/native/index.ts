/** The native InvokeModel body formats, one codec per model family. */
import { anthropicMessages } from './anthropic-messages.js';
import { claudeText } from './claude-text.js';
import type { NativeCodec, NativeFamily } from './codec.js';
import { cohereCommandR } from './cohere-command-r.js';
import { llama2, llama3 } from './llama.js';
import { mistral } from './mistral.js';
import { nova } from './nova.js';
import { titanText } from './titan-text.js';

export type { NativeCodec, NativeContext, NativeFamily } from './codec.js';
export { anthropicMessages, claudeText, cohereCommandR, llama2, llama3, mistral, nova, titanText };

const CODECS: Record<NativeFamily, NativeCodec> = {
  'anthropic-messages': anthropicMessages,
  'claude-text': claudeText,
  'titan-text': titanText,
  nova,
  llama2,
  llama3,
  mistral,
  'cohere-command-r': cohereCommandR,
};

export function codecFor(family: NativeFamily): NativeCodec {
  return CODECS[family];
}
