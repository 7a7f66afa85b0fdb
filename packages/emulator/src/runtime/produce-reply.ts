import { applyLimits, echoReply, scriptedReply } from '../behaviour/generate.js';
import { findRule } from '../behaviour/script.js';
import type { ConversationView, Reply, Usage } from '../conversation/types.js';
import { replyTokens } from '../conversation/usage.js';
import { type Fault, faultError } from '../faults/fault.js';
import type { RuntimeContext } from './context.js';

export interface Produced {
  reply: Reply;
  usage: Usage;
  /** A delivery fault (latency, slow, stall, reset…) for the writer to apply. */
  fault?: Fault;
  /** A stable id for this reply (`msg_bdrk_…`, tool ids). */
  responseId: string;
}

function drawFault(ctx: RuntimeContext): Fault | undefined {
  for (const { fault, rate } of ctx.faultRates) if (ctx.random() < rate) return fault;
  return undefined;
}

/**
 * Decides the reply to one request: the first matching script rule, else echo; a fault from the
 * request header wins over one from a rule, which wins over the seeded rates. Error faults throw.
 */
export function produceReply(
  ctx: RuntimeContext,
  view: ConversationView,
  modelId: string,
  operation: string,
  headerFault: Fault | undefined,
): Produced {
  const hit = findRule(ctx.rules, view, modelId, operation);
  const fault = headerFault ?? hit?.compiled.fault ?? drawFault(ctx);
  const error = fault && faultError(fault);
  if (error) throw error;
  const responseId = `${(ctx.sequence.next++).toString(36).padStart(8, '0')}`;
  const script = hit?.compiled.rule.reply;
  const reply = applyLimits(script ? scriptedReply(script, hit.groups, responseId) : echoReply(view), view);
  const usage = ctx.cache.usage(modelId, view, replyTokens(reply));
  return { reply, usage, responseId, ...(fault ? { fault } : {}) };
}
