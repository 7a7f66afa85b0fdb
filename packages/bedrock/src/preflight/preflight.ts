import type { ModelInfo } from '../models/model-info.js';
import type { ChatRequest } from '../types/request.js';
import { removeBlankText, trimPrefill } from './blank-text.js';
import { cleanCachePoints, limitCachePoints } from './cache-points.js';
import { applyCapabilities } from './capabilities.js';
import { type Diagnostic, type PreflightPolicy, type Rule, RuleContext } from './context.js';
import { checkMedia } from './media-limits.js';
import { normalizeRoles, requireMessages } from './roles.js';
import { applyThinkingRules, cleanReasoningBlocks } from './thinking.js';
import { configureTools } from './tool-config.js';
import { pairToolBlocks } from './tool-pairing.js';

/**
 * The rules in the order they must run. Block-level cleanups come first, because removing blocks
 * can empty a message; then the turns are settled (empty messages, roles); tool pairing needs
 * alternating turns; the tool configuration needs the final tool blocks; thinking needs the final
 * shape of the last turns; the cache-point count is taken last, when nothing else removes any.
 */
const RULES: readonly Rule[] = [
  requireMessages,
  applyCapabilities,
  cleanReasoningBlocks,
  removeBlankText,
  checkMedia,
  cleanCachePoints,
  normalizeRoles,
  pairToolBlocks,
  configureTools,
  applyThinkingRules,
  trimPrefill,
  limitCachePoints,
];

/**
 * Checks a request against everything Bedrock would reject for this model, before sending it.
 * `repair` fixes what it can and lists each fix; `strict` throws a `ValidationError` at the first
 * problem, with its path and how to fix it; `off` returns the request untouched. A few problems are
 * errors even in repair mode, because no honest repair exists: no messages, tools on a model
 * without tool use, and images or documents over Bedrock's size limits.
 *
 * Pure: the input request is never mutated; a repaired request shares unchanged parts with it.
 */
export function preflight(
  request: ChatRequest,
  model: ModelInfo,
  policy: PreflightPolicy,
): { request: ChatRequest; diagnostics: Diagnostic[] } {
  if (policy === 'off') return { request, diagnostics: [] };
  const context = new RuleContext(model, policy);
  const repaired = RULES.reduce((current, rule) => rule(current, context), request);
  return { request: repaired, diagnostics: context.diagnostics };
}
