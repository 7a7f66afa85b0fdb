import { describe, expect, it } from 'vitest';
import { toTurnEvent } from './api.ts';
import {
  applyEvent,
  emptyDraft,
  isOnlyToolResults,
  matchModel,
  titleFrom,
  toolResults,
  toResultParts,
  totals,
} from './turn.ts';
import type { Message, TurnEvent } from './types.ts';

const run = (events: TurnEvent[]) => events.reduce(applyEvent, emptyDraft());

describe('applyEvent', () => {
  it('builds a reply from tokens, reasoning, a tool call and its result', () => {
    const draft = run([
      { event: 'turn', data: { turnId: 't1', userMessageId: 'u1' } },
      { event: 'reasoning', data: { text: 'Let me ' } },
      { event: 'reasoning', data: { text: 'look.' } },
      { event: 'token', data: { text: 'Checking' } },
      { event: 'token', data: { text: '…' } },
      { event: 'tool_call', data: { id: 'c1', name: 'read_file', input: { path: 'a.txt' } } },
      {
        event: 'tool_result',
        data: { toolUseId: 'c1', tool: 'read_file', status: 'success', content: 'hello', durationMs: 12 },
      },
      { event: 'token', data: { text: 'It says hello.' } },
      { event: 'usage', data: { usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.001 } },
      {
        event: 'done',
        data: {
          messageId: 'm2',
          stopReason: 'end_turn',
          usage: { inputTokens: 20, outputTokens: 9 },
          costUsd: 0.002,
        },
      },
    ]);
    expect(draft.turnId).toBe('t1');
    expect(draft.userMessageId).toBe('u1');
    expect(draft.content).toEqual([
      { type: 'reasoning', text: 'Let me look.' },
      { type: 'text', text: 'Checking…' },
      { type: 'tool-use', id: 'c1', name: 'read_file', input: { path: 'a.txt' } },
      { type: 'tool-result', toolUseId: 'c1', content: [{ type: 'text', text: 'hello' }], status: 'success' },
      { type: 'text', text: 'It says hello.' },
    ]);
    expect(draft.durations).toEqual({ c1: 12 });
    expect(draft.usage).toEqual({ inputTokens: 20, outputTokens: 9 });
    expect(draft.costUsd).toBe(0.002);
    expect(draft.done).toEqual({ messageId: 'm2', stopReason: 'end_turn' });
  });

  it('tracks approvals and their decisions, once each', () => {
    const req: TurnEvent = {
      event: 'approval_request',
      data: { id: 'a1', tool: 'bash', input: { cmd: 'ls' } },
    };
    const draft = run([req, req, { event: 'approval_decision', data: { id: 'a1', decision: 'allow' } }]);
    expect(draft.approvals).toEqual([{ id: 'a1', tool: 'bash', input: { cmd: 'ls' }, decision: 'allow' }]);
  });

  it('a new turn starts a fresh draft; errors are kept', () => {
    const draft = run([
      { event: 'token', data: { text: 'old' } },
      { event: 'turn', data: { turnId: 't2', userMessageId: 'u2' } },
      { event: 'error', data: { code: 'throttled', message: 'Slow down' } },
    ]);
    expect(draft.content).toEqual([]);
    expect(draft.error).toEqual({ code: 'throttled', message: 'Slow down' });
  });

  it('does not mutate its input', () => {
    const before = emptyDraft();
    applyEvent(before, { event: 'token', data: { text: 'x' } });
    expect(before.content).toEqual([]);
  });
});

describe('toResultParts', () => {
  it('normalises strings, part arrays and other JSON', () => {
    expect(toResultParts('x')).toEqual([{ type: 'text', text: 'x' }]);
    expect(toResultParts([{ type: 'json', json: { a: 1 } }, { type: 'text', text: 'y' }, 3])).toEqual([
      { type: 'json', json: { a: 1 } },
      { type: 'text', text: 'y' },
      { type: 'json', json: 3 },
    ]);
    expect(toResultParts({ ok: true })).toEqual([{ type: 'json', json: { ok: true } }]);
    expect(toResultParts(null)).toEqual([]);
  });
});

const msg = (over: Partial<Message>): Message => ({
  id: 'm',
  role: 'assistant',
  content: [],
  status: 'complete',
  usage: null,
  costUsd: null,
  model: null,
  createdAt: '2025-01-01T00:00:00Z',
  ...over,
});

describe('conversation helpers', () => {
  it('totals adds messages and the live draft', () => {
    const messages = [
      msg({ usage: { inputTokens: 100, outputTokens: 50 }, costUsd: 0.01 }),
      msg({ role: 'user' }),
      msg({ usage: { inputTokens: 200, outputTokens: 70 }, costUsd: 0.02 }),
    ];
    const draft = { ...emptyDraft(), usage: { inputTokens: 1, outputTokens: 2 }, costUsd: 0.005 };
    const t = totals(messages, draft);
    expect(t.inputTokens).toBe(301);
    expect(t.outputTokens).toBe(122);
    expect(t.costUsd).toBeCloseTo(0.035, 10);
  });

  it('finds tool results across messages and hides result-only messages', () => {
    const results = msg({
      role: 'user',
      content: [
        { type: 'tool-result', toolUseId: 'c1', content: [{ type: 'text', text: 'ok' }], status: 'success' },
      ],
    });
    const map = toolResults([
      msg({ content: [{ type: 'tool-use', id: 'c1', name: 'x', input: {} }] }),
      results,
    ]);
    expect(map.get('c1')?.result.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(isOnlyToolResults(results)).toBe(true);
    expect(isOnlyToolResults(msg({ content: [{ type: 'text', text: 'hi' }] }))).toBe(false);
  });

  it('titleFrom takes the first line, cut to 60 characters', () => {
    expect(titleFrom('  Hello there\nsecond line')).toBe('Hello there');
    expect(titleFrom('')).toBe('New conversation');
    const long = titleFrom('x'.repeat(100));
    expect(long.length).toBe(60);
    expect(long.endsWith('…')).toBe(true);
  });

  it('matchModel accepts ids and aliases', () => {
    const models = [{ id: 'anthropic.claude-x-v1:0', aliases: ['claude', 'sonnet'] }];
    expect(matchModel(models, 'sonnet')?.id).toBe('anthropic.claude-x-v1:0');
    expect(matchModel(models, 'anthropic.claude-x-v1:0')?.id).toBe('anthropic.claude-x-v1:0');
    expect(matchModel(models, 'gpt')).toBeUndefined();
  });
});

describe('toTurnEvent', () => {
  it('parses known events and skips the rest', () => {
    expect(toTurnEvent({ event: 'token', data: '{"text":"a"}', id: '1' })).toEqual({
      event: 'token',
      data: { text: 'a' },
    });
    expect(toTurnEvent({ event: 'ping', data: '{}', id: undefined })).toBeUndefined();
    expect(toTurnEvent({ event: 'token', data: 'not json', id: undefined })).toBeUndefined();
    expect(toTurnEvent({ event: 'token', data: '"str"', id: undefined })).toBeUndefined();
  });
});
