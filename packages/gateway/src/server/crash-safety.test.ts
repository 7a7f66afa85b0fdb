import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { api, readSse } from '../test-support/gateway-harness.js';

const CHILD = fileURLToPath(new URL('../test-support/crash-child.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'strata-crash-'));
const children: ChildProcess[] = [];

async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  for await (const chunk of child.stdout ?? []) {
    out += chunk;
    if (out.includes('\n')) return { child, url: out.trim() };
  }
  throw new Error('the gateway child exited before listening');
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('kill -9 mid-turn loses nothing committed, and the interrupted turn is marked on restart', async () => {
    const first = await startChild();
    const created = (await (
      await api(first.url).post('/api/conversations', { title: 'Crash', model: 'claude-haiku-3' })
    ).json()) as { id: string };
    const res = await api(first.url).post(`/api/conversations/${created.id}/messages`, {
      text: 'a long reply '.repeat(60),
    });
    const seen = await readSse(res, (event) => event.event === 'token' && (event.id ?? 0) >= 5);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await startChild();
    const detail = (await (await api(second.url).get(`/api/conversations/${created.id}`)).json()) as {
      messages: { role: string; status: string; content: { type: string; text?: string }[] }[];
    };
    expect(detail.messages[0]).toMatchObject({ role: 'user', status: 'complete' });
    expect(detail.messages[0]?.content[0]?.text).toContain('a long reply');
    expect(detail.messages[1]).toMatchObject({ role: 'assistant', status: 'failed' });
    const replay = await readSse(await fetch(`${second.url}/api/conversations/${created.id}/events?after=0`));
    const replayedTokens = replay.filter((e) => e.event === 'token').length;
    expect(replayedTokens).toBeGreaterThanOrEqual(seen.filter((e) => e.event === 'token').length);
    // The conversation goes on after the crash.
    const again = await readSse(
      await api(second.url).post(`/api/conversations/${created.id}/messages`, { text: 'still here?' }),
    );
    expect(again.at(-1)).toMatchObject({ event: 'done', data: { stopReason: 'end_turn' } });
    second.child.kill('SIGKILL');
  });
});
