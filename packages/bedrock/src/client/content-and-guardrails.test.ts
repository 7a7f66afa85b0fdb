import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userText, withEmulator } from '../test-support/emulator.js';
import type { ChatEvent } from '../types/events.js';

let env: Awaited<ReturnType<typeof withEmulator>>;
beforeAll(async () => {
  env = await withEmulator({
    script: {
      rules: [
        {
          match: { lastUserText: 'forbidden' },
          reply: { text: 'Sorry, I cannot help with that.', stopReason: 'guardrail_intervened' },
        },
      ],
    },
  });
});
afterAll(() => env.emulator.close());

const guardrail = { identifier: 'grstratatest1', version: '1', trace: 'enabled' as const };

describe('guardrails', () => {
  it('sends the guardrail config and surfaces the trace and the intervention', async () => {
    const events: ChatEvent[] = [];
    for await (const event of env
      .client()
      .stream({ model: 'claude-haiku-3', guardrail, messages: [userText('something forbidden')] }))
      events.push(event);
    const trace = events.find((e) => e.type === 'guardrail');
    expect(trace).toMatchObject({
      type: 'guardrail',
      trace: {
        inputAssessment: { grstratatest1: { contentPolicy: expect.any(Object) } },
        actionReason: 'Guardrail blocked.',
      },
    });
    expect(events.find((e) => e.type === 'message-stop')).toMatchObject({
      stopReason: 'guardrail_intervened',
    });
  });

  it('passes through when the guardrail does not act', async () => {
    const result = await env
      .client()
      .chat({ model: 'claude-haiku-3', guardrail, messages: [userText('a harmless question')] });
    expect(result.stopReason).toBe('end_turn');
    expect(result.message.content).toEqual([{ type: 'text', text: 'a harmless question' }]);
  });
});

describe('documents and S3 sources', () => {
  it('sends a document from bytes and an image from S3', async () => {
    const result = await env.client().chat({
      model: 'claude-haiku-3',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              format: 'txt',
              name: 'Quarterly notes (draft)',
              source: { type: 'bytes', data: Buffer.from('Revenue grew. '.repeat(40)) },
            },
            {
              type: 'image',
              source: {
                type: 's3',
                uri: 's3://strata-test-bucket/charts/q3.png',
                bucketOwner: '123456789012',
              },
            },
            { type: 'text', text: 'summarise the notes' },
          ],
        },
      ],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'summarise the notes' }]);
    // The document's bytes and the image are counted as input, beyond the few words of text.
    expect(result.usage.inputTokens).toBeGreaterThan(1600);
  });

  it('a document name Bedrock would refuse is repaired, and reported', async () => {
    const codes: string[] = [];
    const result = await env.client({ onDiagnostic: (d) => codes.push(d.code) }).chat({
      model: 'claude-haiku-3',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              format: 'md',
              name: 'notes_v2.final!.md',
              source: { type: 'base64', data: Buffer.from('# Notes').toString('base64') },
            },
            { type: 'text', text: 'read it' },
          ],
        },
      ],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'read it' }]);
    expect(codes.length).toBeGreaterThan(0);
  });
});
