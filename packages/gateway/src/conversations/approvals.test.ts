import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, readSse, startGateway, testTargets } from '../test-support/gateway-harness.js';

/** Approvals are rows: one nobody answers, or whose turn ends first, is closed and says so when answered late. */
describe.each(testTargets())('approvals left unanswered on $name', ({ target }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(target, {
      // Short, so the unanswered case ends on its own; the abort case aborts long before it.
      approvalTimeoutMs: 1_500,
      rules: [
        {
          match: { lastUserText: '^write (\\S+)$', hasToolResult: false },
          reply: { text: 'Writing.', toolCalls: [{ name: 'Write', input: { path: '$1', content: 'x' } }] },
        },
        { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tool said: $1' } },
      ],
    });
  });
  afterAll(() => h.close());

  const turn = async (text: string) => {
    const { id } = (await (
      await api(h.url).post('/api/conversations', { title: 'Approvals', model: 'claude-haiku-3' })
    ).json()) as { id: string };
    return { id, res: await api(h.url).post(`/api/conversations/${id}/messages`, { text }) };
  };
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('an approval nobody answers is denied when it expires, and a late answer is refused', async () => {
    const { res } = await turn('write late.txt');
    const events = await readSse(res);
    const decision = events.find((e) => e.event === 'approval_decision');
    expect(decision?.data).toMatchObject({ decision: 'deny', reason: 'No answer came in time.' });
    expect(events.at(-1)?.event).toBe('done');
    expect(existsSync(join(h.workspace, 'late.txt'))).toBe(false);
    const late = await api(h.url).post(`/api/approvals/${encodeURIComponent(String(decision?.data.id))}`, {
      decision: 'allow',
    });
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe('approval_closed');
  });

  it('aborting a turn that waits for an approval closes it', async () => {
    const { id, res } = await turn('write aborted.txt');
    let approvalId = '';
    const events = await readSse(res, (event) => {
      if (event.event === 'approval_request') {
        approvalId = encodeURIComponent(String(event.data.id));
        void api(h.url).post(`/api/conversations/${id}/abort`);
      }
      return false;
    });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'aborted' } });
    const late = await api(h.url).post(`/api/approvals/${approvalId}`, { decision: 'allow' });
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe('approval_closed');
    expect(existsSync(join(h.workspace, 'aborted.txt'))).toBe(false);
  });
});

describe('approvals and API keys', () => {
  const KEY_A = 'sk-strata-test-key-aaaaaaaaaaaaaaaa';
  const KEY_B = 'sk-strata-test-key-bbbbbbbbbbbbbbbb';
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway(testTargets()[0]!.target, {
      apiKeys: [KEY_A, KEY_B],
      rules: [
        {
          match: { lastUserText: '^write (\\S+)$', hasToolResult: false },
          reply: { text: 'Writing.', toolCalls: [{ name: 'Write', input: { path: '$1', content: 'x' } }] },
        },
        { match: { lastToolResult: '([\\s\\S]*)' }, reply: { text: 'Tool said: $1' } },
      ],
    });
  });
  afterAll(() => h.close());

  it("another key's approval is a 404, and its owner can still answer it", async () => {
    const { id } = (await (
      await api(h.url, KEY_A).post('/api/conversations', { model: 'claude-haiku-3' })
    ).json()) as { id: string };
    const answers: number[] = [];
    const events = await readSse(
      await api(h.url, KEY_A).post(`/api/conversations/${id}/messages`, { text: 'write keyed.txt' }),
      (event) => {
        if (event.event === 'approval_request') {
          const path = `/api/approvals/${encodeURIComponent(String(event.data.id))}`;
          void (async () => {
            answers.push((await api(h.url, KEY_B).post(path, { decision: 'allow' })).status);
            answers.push((await api(h.url, KEY_A).post(path, { decision: 'deny' })).status);
          })();
        }
        return event.event === 'done';
      },
    );
    expect(answers).toEqual([404, 200]);
    expect(events.find((e) => e.event === 'approval_decision')?.data).toMatchObject({ decision: 'deny' });
  });
});
