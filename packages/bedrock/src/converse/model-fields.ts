/**
 * Request fields that are not part of Converse's common schema and so travel in
 * `additionalModelRequestFields`, where each family's native name applies. The same fields are the
 * native InvokeModel bodies' own, so the native codecs reuse them.
 */
import { ValidationError } from '../errors/strata-error.js';
import type { ModelFamily, ModelInfo } from '../models/model-info.js';
import type { ChatRequest } from '../types/request.js';
import { mergeFields } from './merge-fields.js';
import type { JsonRecord } from './read-json.js';

/**
 * Where each family takes top-k. Anthropic, Claude text and Mistral read `top_k`; Cohere reads `k`; Nova
 * reads it inside its own `inferenceConfig` (AWS's Nova guide: "TopK … within an additional
 * inferenceConfig object within additionalModelRequestFields"). Titan and Llama have no top-k.
 */
const TOP_K: Record<ModelFamily, ((topK: number) => JsonRecord) | undefined> = {
  'anthropic-messages': (topK) => ({ top_k: topK }),
  'claude-text': (topK) => ({ top_k: topK }),
  mistral: (topK) => ({ top_k: topK }),
  'cohere-command-r': (topK) => ({ k: topK }),
  nova: (topK) => ({ inferenceConfig: { topK } }),
  'titan-text': undefined,
  llama2: undefined,
  llama3: undefined,
};

export function topKField(model: ModelInfo, topK: number): JsonRecord {
  const field = TOP_K[model.family];
  if (field) return field(topK);
  throw new ValidationError(
    `${model.name} (${model.family}) has no top-k parameter; remove topK from the request.`,
    {
      path: 'topK',
    },
  );
}

/** Claude's extended thinking; models that reason differently or not at all cannot express a budget. */
export function thinkingField(model: ModelInfo, budgetTokens: number): JsonRecord {
  if (model.capabilities.reasoning === 'anthropic-thinking') {
    return { thinking: { type: 'enabled', budget_tokens: budgetTokens } };
  }
  throw new ValidationError(
    `${model.name} does not support extended thinking with a token budget; remove reasoning from the request or pick a Claude 3.7+ model.`,
    { path: 'reasoning' },
  );
}

/** The computed fields, then the codec's own extras, then the caller's passthrough fields on top. */
export function modelRequestFields(request: ChatRequest, model: ModelInfo, extra?: JsonRecord): JsonRecord {
  let fields: JsonRecord = {};
  if (request.topK !== undefined) fields = mergeFields(fields, topKField(model, request.topK));
  if (request.reasoning) fields = mergeFields(fields, thinkingField(model, request.reasoning.budgetTokens));
  return mergeFields(mergeFields(fields, extra), request.additionalModelRequestFields);
}
