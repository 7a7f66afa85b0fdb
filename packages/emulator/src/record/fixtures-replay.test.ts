import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ContentBlock,
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../server/emulator.js';
import type { RunningEmulator } from '../server/options.js';
import { runtimeClient } from '../test-support/clients.js';
import type { RecordedExchange } from './exchange.js';

/** Real Bedrock responses captured by the Vercel AI SDK's test suite (see fixtures/bedrock/README.md). */
const FIXTURES = new URL('../../fixtures/bedrock/vercel-ai/', import.meta.url).pathname;
const files = readdirSync(FIXTURES).sort();

type Json = Record<string, unknown>;
const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

/** A Converse body (bare or inside a recording envelope), or undefined for other captures. */
function converseBody(
  file: string,
): { status: number; body: Json; headers: Record<string, string> } | undefined {
  const doc = JSON.parse(read(file)) as Json;
  const envelope = doc.body && typeof doc.status === 'number';
  const body = (envelope ? doc.body : doc) as Json;
  if (body.output) return { status: 200, body, headers: {} };
  if (envelope && typeof body.message === 'string') {
    return { status: doc.status as number, body, headers: (doc.headers ?? {}) as Record<string, string> };
  }
  return undefined;
}

const chunkLines = (file: string): Json[] =>
  read(file)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Json)
    .filter((event) => Object.keys(event).some((k) => k !== 'Output' && k !== 'Version'));

const converseFixtures = files.filter((f) => f.endsWith('.json') && converseBody(f));
const streamFixtures = files.filter((f) => f.endsWith('.chunks.txt') && chunkLines(f).length > 0);

let emulator: RunningEmulator;
let dir: string;
const modelFor = (file: string) => `fixture.${file.replace(/[^a-zA-Z0-9]/g, '-')}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-replay-'));
  for (const file of converseFixtures) {
    const { status, body, headers } = converseBody(file)!;
    const exchange: RecordedExchange = {
      request: { method: 'POST', path: `/model/${modelFor(file)}/converse` },
      response: { status, headers: { 'content-type': 'application/json', ...headers }, body },
    };
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(exchange));
  }
  for (const file of streamFixtures) {
    const events = chunkLines(file).map((event) => {
      const [type, payload] = Object.entries(event)[0]!;
      return { headers: { ':message-type': 'event', ':event-type': type }, payload };
    });
    const exchange: RecordedExchange = {
      request: { method: 'POST', path: `/model/${modelFor(file)}/converse-stream` },
      response: { status: 200, events },
    };
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(exchange));
  }
  const raw = files.filter((f) => f.endsWith('.eventstream.base64.txt'));
  for (const file of raw) {
    const exchange: RecordedExchange = {
      request: { method: 'POST', path: `/model/${modelFor(file)}/converse-stream` },
      response: { status: 200, rawBase64: read(file).trim() },
    };
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(exchange));
  }
  emulator = await startEmulator({ port: 0, replay: dir });
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value);
const ask = { messages: [{ role: 'user' as const, content: [{ text: 'replayed' }] }] };

/** ContentBlock union members; captures may carry extra members (e.g. `type`) that clients drop. */
const MEMBERS = [
  'text',
  'image',
  'document',
  'toolUse',
  'toolResult',
  'guardContent',
  'reasoningContent',
  'citationsContent',
];

/** What a client cares about in a content block, blobs as base64 so both sides compare. */
function essence(block: ContentBlock | Json): unknown {
  const b = block as Json;
  const reasoning = b.reasoningContent as Json | undefined;
  if (reasoning?.redactedContent) return { redacted: b64(reasoning.redactedContent) };
  return Object.fromEntries(MEMBERS.filter((m) => b[m] !== undefined).map((m) => [m, b[m]]));
}

describe('the official SDK decodes real captured Converse responses replayed by the emulator', () => {
  it.each(converseFixtures)('%s', async (file) => {
    const { status, body } = converseBody(file)!;
    const call = runtimeClient(emulator.url).send(new ConverseCommand({ modelId: modelFor(file), ...ask }));
    if (status !== 200) {
      const error = await call.catch((e: unknown) => e as ValidationException);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).message).toBe(body.message);
      return;
    }
    const out = await call;
    const expected = ((body.output as Json).message as Json).content as Json[];
    expect(out.output?.message?.content?.map(essence)).toEqual(expected.map(essence));
    expect(out.stopReason).toBe(body.stopReason);
    const usage = body.usage as Json;
    expect(out.usage?.inputTokens).toBe(usage.inputTokens);
    expect(out.usage?.outputTokens).toBe(usage.outputTokens);
  });
});

/** Text, tool input and reasoning per block index, stop reason and usage: what a stream means. */
function meaning(events: Json[]) {
  const blocks: Record<number, { text: string; tool: string; reasoning: string; name?: string }> = {};
  let stopReason: unknown;
  let usage: unknown;
  for (const event of events) {
    const start = event.contentBlockStart as Json | undefined;
    const delta = event.contentBlockDelta as Json | undefined;
    if (start) {
      const index = start.contentBlockIndex as number;
      blocks[index] ??= { text: '', tool: '', reasoning: '' };
      const toolUse = (start.start as Json | undefined)?.toolUse as Json | undefined;
      if (toolUse?.name) blocks[index].name = toolUse.name as string;
    }
    if (delta) {
      const index = delta.contentBlockIndex as number;
      const d = delta.delta as Json;
      blocks[index] ??= { text: '', tool: '', reasoning: '' };
      if (typeof d.text === 'string') blocks[index].text += d.text;
      if (d.toolUse) blocks[index].tool += ((d.toolUse as Json).input as string) ?? '';
      const reasoning = d.reasoningContent as Json | undefined;
      if (typeof reasoning?.text === 'string') blocks[index].reasoning += reasoning.text;
    }
    if (event.messageStop) stopReason = (event.messageStop as Json).stopReason;
    if (event.metadata) {
      const u = (event.metadata as Json).usage as Json;
      usage = { inputTokens: u.inputTokens, outputTokens: u.outputTokens };
    }
  }
  return { blocks, stopReason, usage };
}

describe('the official SDK decodes real captured ConverseStream events replayed by the emulator', () => {
  it.each(streamFixtures)('%s', async (file) => {
    const out = await runtimeClient(emulator.url).send(
      new ConverseStreamCommand({ modelId: modelFor(file), ...ask }),
    );
    const events: ConverseStreamOutput[] = [];
    for await (const event of out.stream ?? []) events.push(event);
    const expected = meaning(chunkLines(file));
    expect(meaning(events as unknown as Json[])).toEqual(expected);
    expect(Object.keys(expected.blocks).length + (expected.stopReason ? 1 : 0)).toBeGreaterThan(0);
  });

  it('a captured modelStreamErrorException frame, byte for byte', async () => {
    const call = async () => {
      const out = await runtimeClient(emulator.url).send(
        new ConverseStreamCommand({
          modelId: modelFor('model-stream-error-exception.eventstream.base64.txt'),
          ...ask,
        }),
      );
      for await (const _ of out.stream ?? []) {
        /* drain */
      }
    };
    await expect(call()).rejects.toMatchObject({
      name: 'ModelStreamErrorException',
      message: 'Model Stream Error',
    });
  });
});
