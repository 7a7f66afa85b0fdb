import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../approval/approval.js';
import { ask, eventsOf, harness, MODEL } from '../test-support/harness.js';
import type { AgentEvent } from './events.js';
import { runAgent } from './run-agent.js';

let h: Awaited<ReturnType<typeof harness>>;

beforeAll(async () => {
  h = await harness([
    {
      match: { lastUserText: '^save a note$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'Write', input: { path: 'note.txt', content: 'remember' } }] },
    },
    {
      match: { lastUserText: '^run twice$', hasToolResult: false },
      reply: { toolCalls: [{ name: 'Bash', input: { command: 'echo one' } }] },
    },
    {
      match: { lastToolResult: '^one\\n' },
      reply: { toolCalls: [{ name: 'Bash', input: { command: 'echo two' } }] },
    },
    // Whatever the tools said, acknowledge it, so each test's last turn ends.
    { match: { lastToolResult: '[\\s\\S]*' }, reply: { text: 'Noted: $0' } },
  ]);
});
afterAll(() => h.close());

const resultsOf = (events: AgentEvent[]) => events.filter((e) => e.type === 'tool-result');

describe('runAgent approvals', () => {
  it('asks before a dangerous tool and runs it when allowed', async () => {
    const requests: ApprovalRequest[] = [];
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('save a note'),
        workspace: h.workspace,
        approve: async (request) => {
          requests.push(request);
          return { decision: 'allow' };
        },
      }),
    );
    expect(requests).toEqual([
      expect.objectContaining({
        tool: 'Write',
        paths: ['note.txt'],
        input: { path: 'note.txt', content: 'remember' },
      }),
    ]);
    expect(events.find((e) => e.type === 'tool-approval-request')).toMatchObject({ tool: 'Write' });
    expect(events.find((e) => e.type === 'tool-approval-decision')).toMatchObject({
      decision: 'allow',
      by: 'approver',
    });
    expect(readFileSync(join(h.workspace, 'note.txt'), 'utf8')).toBe('remember');
  });

  it('a denied call is not run, and the model sees the reason as an error result', async () => {
    writeFileSync(join(h.workspace, 'note.txt'), 'old');
    const done = await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('save a note'),
      workspace: h.workspace,
      approve: async () => ({ decision: 'deny', reason: 'not today' }),
    }).result();
    expect(readFileSync(join(h.workspace, 'note.txt'), 'utf8')).toBe('old');
    const fed = done.messages[2]?.content[0];
    expect(fed).toMatchObject({
      type: 'tool-result',
      status: 'error',
      content: [{ type: 'text', text: expect.stringContaining('not today') }],
    });
    expect(done.messages.at(-1)?.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('not today'),
    });
  });

  it('"always" approves the tool for the rest of the run', async () => {
    let asked = 0;
    const events = await eventsOf(
      runAgent({
        bedrock: h.bedrock,
        model: MODEL,
        messages: ask('run twice'),
        workspace: h.workspace,
        approve: async () => {
          asked++;
          return { decision: 'always' };
        },
      }),
    );
    expect(asked).toBe(1);
    const decisions = events
      .filter((e) => e.type === 'tool-approval-decision')
      .map((e) => (e.type === 'tool-approval-decision' ? e.by : ''));
    expect(decisions).toEqual(['approver', 'always']);
    expect(resultsOf(events)).toHaveLength(2);
  });

  it('without an approver, dangerous calls are denied; a deny rule beats an allow rule', async () => {
    const noApprover = await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('run twice'),
      workspace: h.workspace,
    }).result();
    expect(noApprover.messages[2]?.content[0]).toMatchObject({ status: 'error' });
    const denied = await runAgent({
      bedrock: h.bedrock,
      model: MODEL,
      messages: ask('run twice'),
      workspace: h.workspace,
      policy: { allow: [{ tool: 'Bash' }], deny: [{ tool: 'Bash', pattern: '^echo one' }] },
    }).result();
    expect(denied.messages[2]?.content[0]).toMatchObject({
      status: 'error',
      content: [{ text: expect.stringContaining('policy') }],
    });
  });
});
