// Gateway benchmark: what the OpenAI-compatible gateway adds over calling the library directly. Both go
// to the same emulator process; the gateway runs as its own process (`strata serve`), as it would in
// production. All three contenders share one client loop (N workers, a fixed count of calls, each call
// timed) so their req/s and latencies are measured the same way. Timings never fail the run; errors do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeSharedDispatchers, createBedrock } from '@strata/bedrock';
import { Agent } from 'undici';
import { SHORT_TEXT } from './contenders.mjs';
import { startCliProcess, startEmulatorProcess } from './emulator-process.mjs';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 16;
const CALLS = quick ? 400 : 4000;
// Rounds rotate who goes first, so machine noise and leftover garbage land on every contender alike.
const ROUNDS = quick ? 2 : 3;
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const expectText = (name, got) => {
  if (got !== SHORT_TEXT) throw new Error(`${name} answered ${JSON.stringify(String(got).slice(0, 80))}`);
};

function library(endpoint) {
  const bedrock = createBedrock({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
  const messages = [{ role: 'user', content: [{ type: 'text', text: SHORT_TEXT }] }];
  const name = 'library: chat()';
  return {
    name,
    async call() {
      const result = await bedrock.chat({ model: MODEL, messages });
      expectText(name, result.message.content[0]?.text);
    },
  };
}

/** `POST /v1/chat/completions` on one keep-alive undici pool, one connection per worker. */
function gateway(origin, agent, stream) {
  const name = `gateway: /v1/chat/completions${stream ? ', stream' : ''}`;
  const body = JSON.stringify({ model: MODEL, stream, messages: [{ role: 'user', content: SHORT_TEXT }] });
  return {
    name,
    async call() {
      const response = await agent.request({
        origin,
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200)
        throw new Error(`${name}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
      if (!stream) return expectText(name, JSON.parse(text).choices?.[0]?.message?.content);
      // Read to the end and rebuild the reply from the SSE deltas, so a truncated stream cannot pass.
      const events = text.split('\n\n').filter((e) => e.startsWith('data: '));
      if (events.at(-1) !== 'data: [DONE]') throw new Error(`${name}: stream did not end with [DONE]`);
      const reply = events
        .slice(0, -1)
        .map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? '')
        .join('');
      expectText(name, reply);
    },
  };
}

/** `total` calls over CONCURRENCY workers; returns each call's latency (ms) and the batch's wall time. */
async function batch(call, total) {
  let issued = 0;
  let failure;
  const latencies = [];
  const worker = async () => {
    while (failure === undefined && issued < total) {
      issued++;
      const start = performance.now();
      try {
        await call();
        latencies.push(performance.now() - start);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failure !== undefined) throw failure;
  return { latencies, ms: performance.now() - start };
}

async function measure(contenders) {
  for (const c of contenders) Object.assign(c, { latencies: [], ms: 0 });
  // Round 0 warms the JIT, the pools and both servers, and checks every contender's answers.
  for (let round = 0; round <= ROUNDS; round++) {
    process.stderr.write(round === 0 ? 'warm-up' : ` round ${round}/${ROUNDS}`);
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + round) % contenders.length];
      if (c.error) continue;
      try {
        const result = await batch(c.call, round === 0 ? CALLS >> 2 : CALLS);
        if (round === 0) continue;
        c.latencies.push(...result.latencies);
        c.ms += result.ms;
      } catch (error) {
        c.error = error instanceof Error ? error.message : String(error);
        process.stderr.write(`\n${c.name} failed: ${c.error}\n`);
      }
    }
  }
  process.stderr.write('\n');
}

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

function results(contenders) {
  const rows = contenders.map((c) => {
    if (c.error) return { name: c.name, error: c.error };
    const sorted = c.latencies.toSorted((a, b) => a - b);
    return {
      name: c.name,
      calls: sorted.length,
      perSecond: sorted.length / (c.ms / 1000),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  });
  const base = rows[0].error ? undefined : rows[0];
  for (const row of rows) {
    if (!base || row.error) continue;
    row.vsLibrary = {
      perSecond: row.perSecond / base.perSecond,
      p50: row.p50Ms / base.p50Ms,
      p99: row.p99Ms / base.p99Ms,
      addedP50Ms: row.p50Ms - base.p50Ms,
    };
  }
  return rows;
}

function markdown(rows, meta) {
  const x = (r) => `${r.toFixed(2)}×`;
  const lines = [
    '# Gateway benchmark',
    '',
    `${meta.date} · ${meta.machine} · Node ${meta.node} · ${meta.mode} mode, concurrency ${meta.concurrency}, ${meta.rounds} rounds of ${meta.callsPerRound} calls (pooled)`,
    `Load average at start: ${meta.loadAverage.join(', ')}`,
    '',
    '| contender | req/s | p50 ms | p99 ms | req/s × library | p50 × library | p99 × library | added p50 ms |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    if (r.error) {
      lines.push(`| ${r.name} | error: ${r.error.replaceAll('|', '\\|')} | | | | | | |`);
      continue;
    }
    const v = r.vsLibrary;
    lines.push(
      `| ${r.name} | ${Math.round(r.perSecond)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${v ? x(v.perSecond) : '–'} | ${v ? x(v.p50) : '–'} | ${v ? x(v.p99) : '–'} | ${v ? v.addedP50Ms.toFixed(2) : '–'} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const loadAtStart = os.loadavg();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-gateway-'));
const emulator = await startEmulatorProcess();
let server;
let agent;
let contenders = [];
try {
  server = await startCliProcess(['serve', '--port', '0', '--quiet', '--data-dir', dataDir], {
    ...process.env,
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  });
  agent = new Agent({ keepAliveTimeout: 60_000, connections: CONCURRENCY });
  contenders = [library(emulator.url), gateway(server.url, agent, false), gateway(server.url, agent, true)];
  await measure(contenders);
} finally {
  await agent?.close();
  await closeSharedDispatchers();
  await Promise.all([server?.stop(), emulator.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}

const cpus = os.cpus();
const meta = {
  date: new Date().toISOString(),
  machine: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  mode: quick ? 'quick' : 'full',
  concurrency: CONCURRENCY,
  rounds: ROUNDS,
  callsPerRound: CALLS,
  loadAverage: loadAtStart.map((n) => n.toFixed(2)),
};
const rows = results(contenders);
const md = markdown(rows, meta);
process.stdout.write(md);
writeFileSync(new URL('./results/gateway.md', import.meta.url), md);
writeFileSync(
  new URL('./results/gateway.json', import.meta.url),
  `${JSON.stringify({ ...meta, rows }, null, 2)}\n`,
);
const failed = rows.filter((r) => r.error);
if (failed.length > 0) {
  console.error(`no figure for: ${failed.map((r) => r.name).join(', ')}`);
  process.exitCode = 1;
}
