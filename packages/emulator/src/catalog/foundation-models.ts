import type { FoundationModelEntry } from './types.js';

/*
 * The foundation models the emulator serves: data, not code.
 *
 * Sources: model IDs, names, modalities and lifecycle as ListFoundationModels reports them; which
 * models are served only through inference profiles (`inferenceTypes: ['INFERENCE_PROFILE']`) and in
 * which geographies, from AWS's "Supported Regions and models for inference profiles"; Converse feature
 * support (system prompts, documents, images, tool use, streaming tool use) from AWS's "Supported models
 * and model features" table; context windows and output limits from the providers' model cards as
 * Bedrock applies them. Llama 3.1+, Mistral Large and Command R/R+ call tools through Converse only:
 * ConverseStream with tools is refused for them (`toolStreaming: false`), as public bug reports show
 * (langchain-aws #140, llama_index #19655).
 * Every model below is served by Converse (Claude Instant, Claude 2.x and Llama 2 included, without tools).
 */

/** Claude 3 and later, through the Messages API. */
const CLAUDE = {
  providerName: 'Anthropic',
  family: 'anthropic-messages',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['TEXT'],
  customizations: [],
  contextWindow: 200_000,
  tools: true,
  toolStreaming: true,
  reasoning: false,
  images: true,
  documents: true,
  systemPrompt: true,
  lifecycle: 'ACTIVE',
} satisfies Partial<FoundationModelEntry>;

/** Claude Instant and Claude 2.x, through text completions: no tools, no images. */
const CLAUDE_TEXT = {
  ...CLAUDE,
  family: 'claude-text',
  inputModalities: ['TEXT'],
  maxOutputTokens: 4096,
  tools: false,
  toolStreaming: false,
  images: false,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: [],
  lifecycle: 'LEGACY',
} satisfies Partial<FoundationModelEntry>;

/** Claude 3.7 and 4.x: extended thinking, and only through inference profiles. */
const CLAUDE_PROFILE_ONLY = {
  ...CLAUDE,
  reasoning: true,
  inferenceTypes: ['INFERENCE_PROFILE'],
} satisfies Partial<FoundationModelEntry>;

const NOVA = {
  providerName: 'Amazon',
  family: 'nova',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['TEXT'],
  customizations: ['FINE_TUNING', 'DISTILLATION'],
  maxOutputTokens: 10_000,
  tools: true,
  toolStreaming: true,
  reasoning: false,
  images: true,
  documents: true,
  systemPrompt: true,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: ['us', 'eu', 'apac'],
  lifecycle: 'ACTIVE',
  released: '2024-12-03',
} satisfies Partial<FoundationModelEntry>;

/** Titan Text: Converse without system prompts or tools. */
const TITAN = {
  providerName: 'Amazon',
  family: 'titan-text',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  customizations: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
  tools: false,
  toolStreaming: false,
  reasoning: false,
  images: false,
  documents: true,
  systemPrompt: false,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: [],
  lifecycle: 'ACTIVE',
} satisfies Partial<FoundationModelEntry>;

const LLAMA = {
  providerName: 'Meta',
  family: 'llama3',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  customizations: [],
  maxOutputTokens: 2048,
  tools: false,
  toolStreaming: false,
  reasoning: false,
  images: false,
  documents: true,
  systemPrompt: true,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: [],
  lifecycle: 'ACTIVE',
} satisfies Partial<FoundationModelEntry>;

/** Llama 3.1 and later: 128k context and tool use, through Converse only (`toolStreaming` stays false). */
const LLAMA_3_1 = {
  ...LLAMA,
  contextWindow: 128_000,
  customizations: ['FINE_TUNING'],
  tools: true,
} satisfies Partial<FoundationModelEntry>;

/** Mistral 7B and Mixtral: Converse without system prompts or tools (Mistral Large: tools, not streamed). */
const MISTRAL = {
  providerName: 'Mistral AI',
  family: 'mistral',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  customizations: [],
  contextWindow: 32_000,
  tools: false,
  toolStreaming: false,
  reasoning: false,
  images: false,
  documents: true,
  systemPrompt: false,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: [],
  lifecycle: 'ACTIVE',
} satisfies Partial<FoundationModelEntry>;

/** Command R and R+: tool use through Converse only. */
const COMMAND_R = {
  providerName: 'Cohere',
  family: 'cohere-command-r',
  converse: true,
  streaming: true,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  customizations: [],
  contextWindow: 128_000,
  maxOutputTokens: 4096,
  tools: true,
  toolStreaming: false,
  reasoning: false,
  images: false,
  documents: true,
  systemPrompt: true,
  inferenceTypes: ['ON_DEMAND'],
  profileGeos: [],
  lifecycle: 'ACTIVE',
  released: '2024-04-30',
} satisfies Partial<FoundationModelEntry>;

export const FOUNDATION_MODELS: readonly FoundationModelEntry[] = [
  // Anthropic
  {
    ...CLAUDE_TEXT,
    modelId: 'anthropic.claude-instant-v1',
    modelName: 'Claude Instant',
    contextWindow: 100_000,
    released: '2023-09-28',
  },
  {
    ...CLAUDE_TEXT,
    modelId: 'anthropic.claude-v2',
    modelName: 'Claude',
    contextWindow: 100_000,
    released: '2023-09-28',
  },
  { ...CLAUDE_TEXT, modelId: 'anthropic.claude-v2:1', modelName: 'Claude', released: '2023-11-21' },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    modelName: 'Claude 3 Haiku',
    customizations: ['FINE_TUNING'],
    maxOutputTokens: 4096,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us', 'eu', 'apac'],
    released: '2024-03-13',
  },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-sonnet-20240229-v1:0',
    modelName: 'Claude 3 Sonnet',
    maxOutputTokens: 4096,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us', 'eu', 'apac'],
    lifecycle: 'LEGACY',
    released: '2024-03-04',
  },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-opus-20240229-v1:0',
    modelName: 'Claude 3 Opus',
    maxOutputTokens: 4096,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us'],
    lifecycle: 'LEGACY',
    released: '2024-04-16',
  },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    modelName: 'Claude 3.5 Sonnet',
    maxOutputTokens: 8192,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us', 'eu', 'apac'],
    lifecycle: 'LEGACY',
    released: '2024-06-20',
  },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    modelName: 'Claude 3.5 Sonnet v2',
    maxOutputTokens: 8192,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us', 'apac'],
    lifecycle: 'LEGACY',
    released: '2024-10-22',
  },
  {
    ...CLAUDE,
    modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    modelName: 'Claude 3.5 Haiku',
    // Text only on Bedrock.
    inputModalities: ['TEXT'],
    images: false,
    maxOutputTokens: 8192,
    inferenceTypes: ['ON_DEMAND'],
    profileGeos: ['us'],
    released: '2024-11-04',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    modelName: 'Claude 3.7 Sonnet',
    maxOutputTokens: 64_000,
    profileGeos: ['us', 'eu', 'apac'],
    released: '2025-02-24',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    modelName: 'Claude Sonnet 4',
    maxOutputTokens: 64_000,
    profileGeos: ['us', 'eu', 'apac', 'global'],
    released: '2025-05-22',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-opus-4-20250514-v1:0',
    modelName: 'Claude Opus 4',
    maxOutputTokens: 32_000,
    profileGeos: ['us'],
    released: '2025-05-22',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    modelName: 'Claude Opus 4.1',
    maxOutputTokens: 32_000,
    profileGeos: ['us'],
    released: '2025-08-05',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    modelName: 'Claude Sonnet 4.5',
    maxOutputTokens: 64_000,
    profileGeos: ['us', 'eu', 'apac', 'global'],
    released: '2025-09-29',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    modelName: 'Claude Haiku 4.5',
    maxOutputTokens: 64_000,
    profileGeos: ['us', 'eu', 'global'],
    released: '2025-10-15',
  },
  {
    ...CLAUDE_PROFILE_ONLY,
    modelId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    modelName: 'Claude Opus 4.5',
    maxOutputTokens: 64_000,
    profileGeos: ['us', 'eu', 'global'],
    released: '2025-11-24',
  },

  // Amazon
  {
    ...NOVA,
    modelId: 'amazon.nova-micro-v1:0',
    modelName: 'Nova Micro',
    inputModalities: ['TEXT'],
    images: false,
    contextWindow: 128_000,
  },
  { ...NOVA, modelId: 'amazon.nova-lite-v1:0', modelName: 'Nova Lite', contextWindow: 300_000 },
  { ...NOVA, modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', contextWindow: 300_000 },
  {
    ...NOVA,
    modelId: 'amazon.nova-premier-v1:0',
    modelName: 'Nova Premier',
    customizations: [],
    contextWindow: 1_000_000,
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us'],
    released: '2025-04-30',
  },
  {
    ...TITAN,
    modelId: 'amazon.titan-text-express-v1',
    modelName: 'Titan Text G1 - Express',
    contextWindow: 8192,
    maxOutputTokens: 8192,
    released: '2023-09-28',
  },
  {
    ...TITAN,
    modelId: 'amazon.titan-text-lite-v1',
    modelName: 'Titan Text G1 - Lite',
    contextWindow: 4096,
    maxOutputTokens: 4096,
    released: '2023-11-29',
  },
  {
    ...TITAN,
    modelId: 'amazon.titan-text-premier-v1:0',
    modelName: 'Titan Text G1 - Premier',
    customizations: ['FINE_TUNING'],
    contextWindow: 32_000,
    maxOutputTokens: 3072,
    released: '2024-05-07',
  },

  // Meta
  {
    ...LLAMA,
    modelId: 'meta.llama2-13b-chat-v1',
    modelName: 'Llama 2 Chat 13B',
    family: 'llama2',
    contextWindow: 4096,
    lifecycle: 'LEGACY',
    released: '2023-11-13',
  },
  {
    ...LLAMA,
    modelId: 'meta.llama2-70b-chat-v1',
    modelName: 'Llama 2 Chat 70B',
    family: 'llama2',
    contextWindow: 4096,
    lifecycle: 'LEGACY',
    released: '2024-01-09',
  },
  {
    ...LLAMA,
    modelId: 'meta.llama3-8b-instruct-v1:0',
    modelName: 'Llama 3 8B Instruct',
    contextWindow: 8192,
    released: '2024-04-23',
  },
  {
    ...LLAMA,
    modelId: 'meta.llama3-70b-instruct-v1:0',
    modelName: 'Llama 3 70B Instruct',
    contextWindow: 8192,
    released: '2024-04-23',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-1-8b-instruct-v1:0',
    modelName: 'Llama 3.1 8B Instruct',
    profileGeos: ['us'],
    released: '2024-07-23',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-1-70b-instruct-v1:0',
    modelName: 'Llama 3.1 70B Instruct',
    profileGeos: ['us'],
    released: '2024-07-23',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-1-405b-instruct-v1:0',
    modelName: 'Llama 3.1 405B Instruct',
    customizations: [],
    maxOutputTokens: 4096,
    released: '2024-07-23',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-2-1b-instruct-v1:0',
    modelName: 'Llama 3.2 1B Instruct',
    tools: false,
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us', 'eu'],
    released: '2024-09-25',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-2-3b-instruct-v1:0',
    modelName: 'Llama 3.2 3B Instruct',
    tools: false,
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us', 'eu'],
    released: '2024-09-25',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-2-11b-instruct-v1:0',
    modelName: 'Llama 3.2 11B Instruct',
    inputModalities: ['TEXT', 'IMAGE'],
    images: true,
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us'],
    released: '2024-09-25',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-2-90b-instruct-v1:0',
    modelName: 'Llama 3.2 90B Instruct',
    inputModalities: ['TEXT', 'IMAGE'],
    images: true,
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us'],
    released: '2024-09-25',
  },
  {
    ...LLAMA_3_1,
    modelId: 'meta.llama3-3-70b-instruct-v1:0',
    modelName: 'Llama 3.3 70B Instruct',
    customizations: [],
    inferenceTypes: ['INFERENCE_PROFILE'],
    profileGeos: ['us'],
    released: '2024-12-19',
  },

  // Mistral AI
  {
    ...MISTRAL,
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    modelName: 'Mistral 7B Instruct',
    maxOutputTokens: 8192,
    released: '2024-03-01',
  },
  {
    ...MISTRAL,
    modelId: 'mistral.mixtral-8x7b-instruct-v0:1',
    modelName: 'Mixtral 8x7B Instruct',
    maxOutputTokens: 4096,
    released: '2024-03-01',
  },
  {
    ...MISTRAL,
    modelId: 'mistral.mistral-large-2402-v1:0',
    modelName: 'Mistral Large (24.02)',
    maxOutputTokens: 8192,
    tools: true,
    systemPrompt: true,
    released: '2024-04-02',
  },
  {
    ...MISTRAL,
    modelId: 'mistral.mistral-large-2407-v1:0',
    modelName: 'Mistral Large (24.07)',
    contextWindow: 128_000,
    maxOutputTokens: 8192,
    tools: true,
    systemPrompt: true,
    released: '2024-07-24',
  },

  // Cohere
  { ...COMMAND_R, modelId: 'cohere.command-r-v1:0', modelName: 'Command R' },
  { ...COMMAND_R, modelId: 'cohere.command-r-plus-v1:0', modelName: 'Command R+' },
];
