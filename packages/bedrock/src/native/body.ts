/** Small pieces every native body builder uses. */
import type { JsonRecord } from '../converse/read-json.js';
import type { ModelInfo } from '../models/model-info.js';
import type { ChatRequest } from '../types/request.js';

/** The record without its undefined members, so bodies never carry `"field": null`-like noise. */
export const compact = (record: JsonRecord): JsonRecord =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/**
 * For bodies that require a maximum (Claude's). Bedrock reserves a request's max tokens against the
 * tokens-per-minute quota up front, so the default is a modest 4096 (plus any thinking budget, which
 * max_tokens must exceed), capped at the model's limit, rather than the model's limit itself.
 */
export const requiredMaxTokens = (request: ChatRequest, model: ModelInfo): number =>
  request.maxTokens ?? Math.min(model.maxOutputTokens, 4096 + (request.reasoning?.budgetTokens ?? 0));
