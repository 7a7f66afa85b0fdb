import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScriptRule } from '@strata/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  type Harness,
  readSse,
  type SseEvent,
  startGateway,
  testTargets,
} from '../test-support/gateway-harness.js';

const rules: ScriptRule[] = [
  {
    match: { lastUserText: '^write (\\S+)$', hasToolResult: false },
    reply: {
      text: 'Writing.',
      toolCalls: [{ name: 'Write', input: { path: '$1', content: 'written on A' } }],
    },
  },
  { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tool said: $1' } },
];

/** Stateless instances: two gateways on one database serve the same conversations (PostgreSQL in CI, and SQLite). */
describe.each(testTargets())('two gateways on one $name', ({ target }) => {
  let a: Harness;
  let b: Harness;
  // Both on the same database: for SQLite, one file in one directory.
  const shared = mkdtempSync(join(tmpdir(), 'strata-shared-'));
  beforeAll(async () => {
    a = await startGateway(() => target(shared), { rules });
    b = await startGateway(() => target(shared), { rules });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(shared, { recursive: true, force: true });
  });

  it('a conversation created on one is continued on the other, in one history', async () => {
    const created = (await (
      await api(a.url).post('/api/conversations', { title: 'Shared', model: 'claude-haiku-3' })
    ).json()) as { id: string };
    await readSse(
      await api(a.url).post(`/api/conversations/${created.id}/messages`, { text: 'first, on A' }),
    );
    await readSse(
      await api(b.url).post(`/api/conversations/${created.id}/messages`, { text: 'second, on B' }),
    );
    const seen = (await (await api(a.url).get(`/api/conversations/${created.id}`)).json()) as {
      messages: { role: string; content: { text?: string }[] }[];
    };
    expect(seen.messages.map((m) => [m.role, m.content.at(-1)?.text])).toEqual([
      ['user', 'first, on A'],
      ['assistant', 'first, on A'],
      ['user', 'second, on B'],
      ['assistant', 'second, on B'],
    ]);
    const listed = (await (await api(b.url).get('/api/conversations')).json()) as {
      conversations: { id: string }[];
    };
    expect(listed.conversations.map((c) => c.id)).toContain(created.id);
  });

  /** Starts a turn on A that asks to write `file`, answers its approval on B, and reads A's stream to the end. */
  async function answeredOnB(file: string, answer: { decision: string; reason?: string }) {
    const { id } = (await (
      await api(a.url).post('/api/conversations', { title: 'Approvals', model: 'claude-haiku-3' })
    ).json()) as { id: string };
    let approvalId = '';
    let answered: Promise<Response> | undefined;
    const events = await readSse(
      await api(a.url).post(`/api/conversations/${id}/messages`, { text: `write ${file}` }),
      (event: SseEvent) => {
        if (event.event === 'approval_request') {
          approvalId = encodeURIComponent(String(event.data.id));
          answered = api(b.url).post(`/api/approvals/${approvalId}`, answer);
        }
        return event.event === 'done';
      },
    );
    return { events, approvalId, answered: await answered };
  }

  it('an approval asked by a turn on A is allowed on B, and the turn finishes on A', async () => {
    const { events, approvalId, answered } = await answeredOnB('allowed.txt', { decision: 'allow' });
    expect(answered?.status).toBe(200);
    expect(events.find((e) => e.event === 'approval_decision')?.data).toMatchObject({
      decision: 'allow',
      by: 'approver',
    });
    expect(events.find((e) => e.event === 'tool_result')?.data).toMatchObject({ status: 'ok' });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'end_turn' } });
    expect(readFileSync(join(a.workspace, 'allowed.txt'), 'utf8')).toBe('written on A');
    // Answered once: a second answer, to either gateway, is refused and says why.
    for (const gateway of [a, b]) {
      const again = await api(gateway.url).post(`/api/approvals/${approvalId}`, { decision: 'deny' });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { code: string } }).error.code).toBe('approval_answered');
    }
  });

  it('an approval asked on A and denied on B leaves the file unwritten and tells the model why', async () => {
    const { events, answered } = await answeredOnB('denied.txt', { decision: 'deny', reason: 'not today' });
    expect(answered?.status).toBe(200);
    expect(events.find((e) => e.event === 'approval_decision')?.data).toMatchObject({
      decision: 'deny',
      reason: 'not today',
    });
    const said = events.filter((e) => e.event === 'token').map((e) => e.data.text);
    expect(said.join('')).toContain('not today');
    expect(existsSync(join(a.workspace, 'denied.txt'))).toBe(false);
  });

  /** A conversation on A whose turn is waiting for the approval to write `file`: running until answered. */
  async function waitingOnA(file: string) {
    const { id } = (await (
      await api(a.url).post('/api/conversations', { title: 'Running', model: 'claude-haiku-3' })
    ).json()) as { id: string };
    const turn = await api(a.url).post(`/api/conversations/${id}/messages`, { text: `write ${file}` });
    return { id, turn };
  }

  const detailOn = async (gateway: Harness, id: string) =>
    (await (await api(gateway.url).get(`/api/conversations/${id}`)).json()) as {
      live: boolean;
      messages: { status: string }[];
    };

  /** Polls until `check` holds; the deadline is for a broken gateway, not a measure of speed. */
  async function until(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a turn running on A is live, followed to its end, and not startable again on B', async () => {
    const { id, turn } = await waitingOnA('followed.txt');
    // A's own stream is left after the first event: the turn goes on without its client.
    const [first] = await readSse(turn, () => true);
    let during: Promise<{ live: boolean; listed?: boolean; second: Response; answer: Response }> | undefined;
    const followed = await readSse(
      await fetch(`${b.url}/api/conversations/${id}/events`, {
        headers: { 'last-event-id': String(first?.id) },
      }),
      (event) => {
        // The turn cannot end before this answer, so what B streamed so far it streamed live.
        if (event.event === 'approval_request')
          during = (async () => {
            const { live } = await detailOn(b, id);
            const listed = (await (await api(b.url).get('/api/conversations')).json()) as {
              conversations: { id: string; live: boolean }[];
            };
            const second = await api(b.url).post(`/api/conversations/${id}/messages`, { text: 'again' });
            const answer = await api(b.url).post(
              `/api/approvals/${encodeURIComponent(String(event.data.id))}`,
              { decision: 'allow' },
            );
            return { live, listed: listed.conversations.find((c) => c.id === id)?.live, second, answer };
          })();
        return event.event === 'done';
      },
    );
    if (!during) throw new Error('B never streamed the approval request');
    const seen = await during;
    expect(seen.live).toBe(true);
    expect(seen.listed).toBe(true);
    expect(seen.second.status).toBe(409);
    expect(((await seen.second.json()) as { error: { code: string } }).error.code).toBe('turn_in_progress');
    expect(seen.answer.status).toBe(200);
    // Resumed after A's first event, then every event of the turn, in order, to its end.
    expect(first?.event).toBe('turn');
    expect(followed.map((e) => e.id)).toEqual(followed.map((_, i) => Number(first?.id) + 1 + i));
    expect(followed.map((e) => e.event)).toEqual(
      expect.arrayContaining(['approval_request', 'approval_decision', 'tool_result', 'token']),
    );
    expect(followed.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'end_turn' } });
    expect(readFileSync(join(a.workspace, 'followed.txt'), 'utf8')).toBe('written on A');
    await until(async () => !(await detailOn(b, id)).live);
    const next = await readSse(
      await api(b.url).post(`/api/conversations/${id}/messages`, { text: 'now on B' }),
    );
    expect(next.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'end_turn' } });
  });

  it('an abort taken by B stops the turn running on A, which ends it as a local abort does', async () => {
    const { id, turn } = await waitingOnA('aborted.txt');
    let approvalId = '';
    let abort: Promise<Response> | undefined;
    const onA = await readSse(turn, (event) => {
      if (event.event === 'approval_request') {
        approvalId = encodeURIComponent(String(event.data.id));
        abort = api(b.url).post(`/api/conversations/${id}/abort`);
      }
      return event.event === 'done';
    });
    expect(await ((await abort) as Response).json()).toEqual({ aborted: true });
    expect(onA.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'aborted' } });
    expect(existsSync(join(a.workspace, 'aborted.txt'))).toBe(false);
    const late = await api(b.url).post(`/api/approvals/${approvalId}`, { decision: 'allow' });
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('approval_closed');
    await until(async () => !(await detailOn(b, id)).live);
    // The user's message stays; the reply (the tool call, and the refused tool's result) is marked aborted.
    const [user, ...reply] = (await detailOn(b, id)).messages.map((m) => m.status);
    expect([user, new Set(reply)]).toEqual(['complete', new Set(['aborted'])]);
    // Nothing runs any more, on either gateway.
    for (const gateway of [a, b])
      expect(await (await api(gateway.url).post(`/api/conversations/${id}/abort`)).json()).toEqual({
        aborted: false,
      });
  });

  it('an unknown approval is a 404 on either gateway', async () => {
    for (const gateway of [a, b]) {
      const res = await api(gateway.url).post('/api/approvals/no-such-turn%3Aapproval-1', {
        decision: 'allow',
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
