import { createHash } from 'node:crypto';
import type { ConversationView, Reply, ReplyBlock } from '../conversation/types.js';
import { estimateTextTokens } from '../conversation/usage.js';
import { lastUserHasToolResult, lastUserText, type ScriptReply } from './script.js';

const substitute = (value: unknown, groups: string[]): unknown => {
  if (typeof value === 'string') return value.replace(/\$(\d+)/g, (_, n: string) => groups[Number(n)] ?? '');
  if (Array.isArray(value)) return value.map((v) => substitute(v, groups));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, groups)]));
  }
  return value;
};

/** A stable, opaque reasoning signature, as Claude returns: derived from the thought. */
export const signatureFor = (text: string): string =>
  createHash('sha256').update(`sig:${text}`).digest('base64');

/** A stable tool-use id in Bedrock's style, derived from the call's position and name. */
const toolUseId = (seed: string, index: number, name: string): string =>
  `tooluse_${createHash('sha256').update(`${seed}:${index}:${name}`).digest('base64url').slice(0, 22)}`;

/** The default behaviour: echo the last user text verbatim (or acknowledge tool results). */
export function echoReply(view: ConversationView): Reply {
  const text = lastUserText(view);
  const blocks: ReplyBlock[] = [];
  if (view.reasoning) {
    const thought = `The user said: ${text}`;
    blocks.push({ type: 'reasoning', text: thought, signature: signatureFor(thought) });
  }
  const answer = lastUserHasToolResult(view) && text === '' ? toolResultSummary(view) : text;
  blocks.push({ type: 'text', text: answer || '(empty)' });
  return { blocks, stopReason: 'end_turn' };
}

function toolResultSummary(view: ConversationView): string {
  const last = view.messages[view.messages.length - 1];
  const results = last?.blocks.flatMap((b) => (b.kind === 'toolResult' ? [b.text] : [])) ?? [];
  return `Tool results received: ${results.join(' | ')}`;
}

/** A scripted reply, with regex groups substituted. */
export function scriptedReply(script: ScriptReply, groups: string[], seed: string): Reply {
  const blocks: ReplyBlock[] = [];
  if (script.reasoning) {
    if ('redacted' in script.reasoning)
      blocks.push({ type: 'redactedReasoning', data: script.reasoning.redacted });
    else {
      const text = String(substitute(script.reasoning.text, groups));
      blocks.push({ type: 'reasoning', text, signature: script.reasoning.signature ?? signatureFor(text) });
    }
  }
  if (script.text !== undefined) blocks.push({ type: 'text', text: String(substitute(script.text, groups)) });
  for (const [i, call] of (script.toolCalls ?? []).entries()) {
    blocks.push({
      type: 'toolUse',
      toolUseId: call.id ?? toolUseId(seed, i, call.name),
      name: call.name,
      input: substitute(call.input ?? {}, groups),
    });
  }
  const stopReason = script.stopReason ?? (script.toolCalls?.length ? 'tool_use' : 'end_turn');
  return { blocks, stopReason };
}

/**
 * What a real model does at its limits: cut the text at the first stop sequence, or at `maxTokens`
 * worth of output, and say so in the stop reason.
 */
export function applyLimits(reply: Reply, view: ConversationView): Reply {
  if (reply.stopReason !== 'end_turn') return reply;
  const blocks: ReplyBlock[] = [];
  let budget = view.maxTokens ?? Number.POSITIVE_INFINITY;
  for (const block of reply.blocks) {
    if (block.type !== 'text') {
      blocks.push(block);
      if (block.type === 'reasoning') budget -= estimateTextTokens(block.text);
      continue;
    }
    let text = block.text;
    for (const stop of view.stopSequences) {
      const at = stop ? text.indexOf(stop) : -1;
      if (at >= 0) {
        blocks.push({ type: 'text', text: text.slice(0, at) });
        return { blocks, stopReason: 'stop_sequence', stopSequence: stop };
      }
    }
    if (estimateTextTokens(text) > budget) {
      text = text.slice(0, Math.max(0, budget) * 4);
      blocks.push({ type: 'text', text });
      return { blocks, stopReason: 'max_tokens' };
    }
    budget -= estimateTextTokens(text);
    blocks.push(block);
  }
  return { blocks, stopReason: reply.stopReason };
}
