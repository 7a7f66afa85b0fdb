import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Harness, readSse, startGateway, testTargets } from '../test-support/gateway-harness.js';

/** Stateless instances: two gateways on one database serve the same conversations (PostgreSQL in CI, and SQLite). */
describe.each(testTargets())('two gateways on one $name', ({ target }) => {
  let a: Harness;
  let b: Harness;
  // Both on the same database: for SQLite, one file in one directory.
  const shared = mkdtempSync(join(tmpdir(), 'strata-shared-'));
  beforeAll(async () => {
    a = await startGateway(() => target(shared));
    b = await startGateway(() => target(shared));
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
});
