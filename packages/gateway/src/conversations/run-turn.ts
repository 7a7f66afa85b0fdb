import { type AgentDone, type AgentTool, runAgent } from '@strata/agent';
import { type Bedrock, type ChatEvent, type ContentBlock, collect, StrataError } from '@strata/bedrock';
import { HttpError } from '../server/http-errors.js';
import type { Conversation, Store, StoredEvent } from '../storage/types.js';
import { approvalId, awaitApproval } from './approvals.js';
import { historyOf, type TurnInput, userContent } from './history.js';
import type { LiveTurns } from './live-turns.js';
import { sseEventOf } from './turn-events.js';
import type { HeldTurn } from './turn-lease.js';

export interface TurnDeps {
  store: Store;
  bedrock: Bedrock;
  live: LiveTurns;
  workspace: string;
  tools: AgentTool[];
  system?: string;
  /** How long an approval waits for an answer before it counts as denied. */
  approvalTimeoutMs: number;
  /** Called when an event stream opens; returns what to call when it closes (the open-streams gauge). */
  trackStream?: () => () => void;
  onTurnEnd?: (outcome: {
    model: string;
    stopReason: string;
    costUsd: number;
    inputTokens: number;
    outputTokens: number;
  }) => void;
}

/**
 * Runs one chat turn durably: the user message is stored before the model is called, every event is
 * stored (so a client can resume) and then sent, and the reply is stored with its usage when the turn
 * ends — or marked aborted/failed with what it had said. `send` receives each stored event. The turn's
 * hold on the conversation (`claimTurn`) is released when it ends.
 */
export async function runTurn(
  deps: TurnDeps,
  turn: HeldTurn,
  conversation: Conversation,
  input: TurnInput,
  apiKeyId: string | null,
  send: (event: StoredEvent) => void,
): Promise<void> {
  const { turnId, signal } = turn;
  let asked = false;
  const emit = async (event: string, data: unknown) => {
    const stored = await deps.store.events.append({ conversationId: conversation.id, turnId, event, data });
    deps.live.publish(stored);
    send(stored);
  };
  try {
    const history = historyOf(await deps.store.messages.list(conversation.id));
    const content = userContent(input);
    const user = await deps.store.messages.append({
      conversationId: conversation.id,
      turnId,
      role: 'user',
      content,
      status: 'complete',
      usage: null,
      costUsd: null,
      model: null,
      error: null,
    });
    await emit('turn', { turnId, userMessageId: user.id });
    const reply = await deps.store.messages.append({
      conversationId: conversation.id,
      turnId,
      role: 'assistant',
      content: [],
      status: 'streaming',
      usage: null,
      costUsd: null,
      model: null,
      error: null,
    });
    const run = runAgent({
      bedrock: deps.bedrock,
      model: conversation.model,
      messages: [...history, { role: 'user', content }],
      tools: deps.tools,
      workspace: deps.workspace,
      signal,
      ...(deps.system ? { system: deps.system } : {}),
      approve: (request) => awaitApproval(deps.store, deps.live, approvalId(turnId, request.id), signal),
    });
    // The reply so far, should the turn end before the agent hands back its messages.
    const seen: ChatEvent[] = [];
    for await (const event of run) {
      if (event.type === 'done') {
        await finishTurn(
          deps,
          { conversation, turnId, replyId: reply.id, firstNew: history.length + 1, apiKeyId },
          event,
          seen,
          emit,
        );
        return;
      }
      if (
        event.type === 'text-delta' ||
        event.type === 'reasoning-delta' ||
        event.type === 'tool-call' ||
        event.type === 'content-block-stop'
      )
        seen.push(event);
      if (event.type === 'tool-approval-request') {
        // Stored before anyone is shown the request, so an answer (to any gateway) always finds it.
        await deps.store.approvals.open({
          id: approvalId(turnId, event.id),
          conversationId: conversation.id,
          turnId,
          tool: event.tool,
          expiresAt: new Date(Date.now() + deps.approvalTimeoutMs).toISOString(),
        });
        asked = true;
      }
      const sse = sseEventOf(event, turnId);
      if (sse) await emit(sse.event, sse.data);
    }
  } catch (error) {
    const message =
      error instanceof StrataError || error instanceof HttpError
        ? error.message
        : 'The turn failed unexpectedly.';
    const code = error instanceof StrataError ? error.code : 'turn_failed';
    await emit('error', { code, message }).catch(() => undefined);
  } finally {
    // An approval left pending (the turn was aborted or failed while waiting) can no longer be answered.
    if (asked) await deps.store.approvals.close({ turnId }).catch(() => undefined);
    // Last, so a follower that sees the conversation free has every event of the turn stored already.
    await turn.release().catch(() => undefined);
  }
}

interface TurnIds {
  conversation: Conversation;
  turnId: string;
  replyId: string;
  /** Index in the agent's history of the first message this turn added. */
  firstNew: number;
  apiKeyId: string | null;
}

async function finishTurn(
  deps: TurnDeps,
  { conversation, turnId, replyId, firstNew, apiKeyId }: TurnIds,
  done: AgentDone,
  seen: ChatEvent[],
  emit: (event: string, data: unknown) => Promise<void>,
): Promise<void> {
  const added = done.messages.slice(firstNew);
  const costUsd = done.cost.total;
  const status =
    done.stopReason === 'aborted' ? 'aborted' : done.stopReason === 'error' ? 'failed' : 'complete';
  // The placeholder takes the first reply; tool results and later replies follow as their own messages.
  const [first, ...rest] = added;
  const partial: ContentBlock[] = first ? first.content : collect(seen).message.content;
  const last = rest.length === 0;
  await deps.store.messages.update(replyId, {
    content: partial,
    status,
    ...(last ? { usage: done.usage, costUsd, model: conversation.model } : {}),
    ...(done.error ? { error: done.error.message } : {}),
  });
  for (const [i, message] of rest.entries()) {
    const isLast = i === rest.length - 1;
    await deps.store.messages.append({
      conversationId: conversation.id,
      turnId,
      role: message.role,
      content: message.content,
      status,
      usage: isLast ? done.usage : null,
      costUsd: isLast ? costUsd : null,
      model: isLast ? conversation.model : null,
      error: null,
    });
  }
  if (done.usage.inputTokens + done.usage.outputTokens > 0) {
    await deps.store.usage.record({
      conversationId: conversation.id,
      apiKeyId,
      source: 'app',
      model: conversation.model,
      inputTokens: done.usage.inputTokens,
      outputTokens: done.usage.outputTokens,
      cacheReadInputTokens: done.usage.cacheReadInputTokens,
      cacheWriteInputTokens: done.usage.cacheWriteInputTokens,
      costUsd,
    });
  }
  deps.onTurnEnd?.({
    model: conversation.model,
    stopReason: done.stopReason,
    costUsd,
    inputTokens: done.usage.inputTokens,
    outputTokens: done.usage.outputTokens,
  });
  if (done.error) await emit('error', { code: done.error.code, message: done.error.message });
  await emit('done', { messageId: replyId, stopReason: done.stopReason, usage: done.usage, costUsd });
  await deps.store.conversations.update(conversation.id, {});
}
