import type { ContentBlock, Message, ToolResultPart, TurnEvent, Usage } from './types.ts';

/** An approval the running turn waits for (or waited for: `decision` is set once answered). */
export interface Approval {
  id: string;
  tool: string;
  input: unknown;
  decision?: string;
}

/** The assistant reply being streamed, built from the turn's events. */
export interface Draft {
  turnId?: string;
  userMessageId?: string;
  content: ContentBlock[];
  approvals: Approval[];
  /** Tool run times by tool-use id. */
  durations: Record<string, number>;
  usage: Usage | null;
  costUsd: number | null;
  done?: { messageId: string; stopReason: string };
  error?: { code: string; message: string };
}

export function emptyDraft(): Draft {
  return { content: [], approvals: [], durations: {}, usage: null, costUsd: null };
}

/** Tool output as result parts, whatever shape the event carried. */
export function toResultParts(content: unknown): ToolResultPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (Array.isArray(content)) {
    return content.map((part): ToolResultPart => {
      if (part && typeof part === 'object') {
        const p = part as { type?: unknown; text?: unknown; json?: unknown };
        if (p.type === 'text' && typeof p.text === 'string') return { type: 'text', text: p.text };
        if (p.type === 'json') return { type: 'json', json: p.json };
      }
      return typeof part === 'string' ? { type: 'text', text: part } : { type: 'json', json: part };
    });
  }
  if (content === undefined || content === null) return [];
  return [{ type: 'json', json: content }];
}

/** Appends streamed text to the last block of the same kind, or opens a new block. */
function appendText(content: ContentBlock[], type: 'text' | 'reasoning', text: string): ContentBlock[] {
  const last = content[content.length - 1];
  if (last && last.type === type) return [...content.slice(0, -1), { type, text: last.text + text }];
  return [...content, { type, text }];
}

/** The draft after one event (a pure function: the input is not changed). */
export function applyEvent(draft: Draft, ev: TurnEvent): Draft {
  switch (ev.event) {
    case 'turn':
      return { ...emptyDraft(), turnId: ev.data.turnId, userMessageId: ev.data.userMessageId };
    case 'token':
      return { ...draft, content: appendText(draft.content, 'text', ev.data.text) };
    case 'reasoning':
      return { ...draft, content: appendText(draft.content, 'reasoning', ev.data.text) };
    case 'tool_call':
      if (draft.content.some((b) => b.type === 'tool-use' && b.id === ev.data.id)) return draft;
      return {
        ...draft,
        content: [
          ...draft.content,
          { type: 'tool-use', id: ev.data.id, name: ev.data.name, input: ev.data.input },
        ],
      };
    case 'approval_request':
      if (draft.approvals.some((a) => a.id === ev.data.id)) return draft;
      return {
        ...draft,
        approvals: [...draft.approvals, { id: ev.data.id, tool: ev.data.tool, input: ev.data.input }],
      };
    case 'approval_decision':
      return {
        ...draft,
        approvals: draft.approvals.map((a) =>
          a.id === ev.data.id ? { ...a, decision: ev.data.decision } : a,
        ),
      };
    case 'tool_result': {
      const block: ContentBlock = {
        type: 'tool-result',
        toolUseId: ev.data.toolUseId,
        content: toResultParts(ev.data.content),
        status: ev.data.status,
      };
      const durations =
        typeof ev.data.durationMs === 'number'
          ? { ...draft.durations, [ev.data.toolUseId]: ev.data.durationMs }
          : draft.durations;
      return { ...draft, content: [...draft.content, block], durations };
    }
    case 'usage':
      return { ...draft, usage: ev.data.usage, costUsd: ev.data.costUsd ?? draft.costUsd };
    case 'done':
      return {
        ...draft,
        usage: ev.data.usage ?? draft.usage,
        costUsd: ev.data.costUsd ?? draft.costUsd,
        done: { messageId: ev.data.messageId, stopReason: ev.data.stopReason },
      };
    case 'error':
      return { ...draft, error: { code: ev.data.code, message: ev.data.message } };
    default:
      return draft;
  }
}

export interface ToolOutcome {
  result: Extract<ContentBlock, { type: 'tool-result' }>;
  durationMs?: number;
}

/** Every tool result in the conversation by its tool-use id, so a call can show its result inline. */
export function toolResults(
  messages: readonly Message[],
  extra: readonly ContentBlock[] = [],
): Map<string, ToolOutcome> {
  const map = new Map<string, ToolOutcome>();
  const add = (block: ContentBlock) => {
    if (block.type === 'tool-result') map.set(block.toolUseId, { result: block });
  };
  for (const m of messages) for (const b of m.content) add(b);
  for (const b of extra) add(b);
  return map;
}

/** True when a message has nothing to show by itself (only tool results, shown with their calls). */
export function isOnlyToolResults(message: Pick<Message, 'content'>): boolean {
  return message.content.length > 0 && message.content.every((b) => b.type === 'tool-result');
}

export interface Totals {
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** Tokens and cost of a conversation: its messages, plus the reply being streamed. */
export function totals(
  messages: readonly Pick<Message, 'usage' | 'costUsd'>[],
  draft?: Draft | null,
): Totals {
  const t: Totals = { costUsd: 0, inputTokens: 0, outputTokens: 0 };
  const add = (usage: Usage | null, cost: number | null) => {
    if (cost) t.costUsd += cost;
    if (usage) {
      t.inputTokens += usage.inputTokens ?? 0;
      t.outputTokens += usage.outputTokens ?? 0;
    }
  };
  for (const m of messages) add(m.usage, m.costUsd);
  if (draft) add(draft.usage, draft.costUsd);
  return t;
}

/** A conversation title from the first message: its first line, at most 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return 'New conversation';
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
}

/** The model option matching what a conversation stores (an id or one of its aliases). */
export function matchModel<T extends { id: string; aliases: string[] }>(
  models: readonly T[],
  value: string,
): T | undefined {
  return models.find((m) => m.id === value) ?? models.find((m) => m.aliases.includes(value));
}
