// Gateway benchmark: the Strata gateway (`strata serve`) against the Portkey gateway, both serving
// OpenAI-style `/v1/chat/completions` from the same emulator, plain and streaming: req/s and p50/p99
// at a fixed concurrency, the latency each adds over calling the library directly, and each gateway's
// memory with many SSE clients open at once. Every server is its own process; the bench process is
// the load generator (and the library contender). Timings never fail the run; errors do.
import { setTimeout as sleep } from 'node:timers/promises';
import { closeSharedDispatchers, createBedrock } from '@strata/bedrock';
import { Agent } from 'undici';
import { expectText, MODEL, REGION, SHORT_TEXT } from './contenders/expect.mjs';
import { API_KEY, completions, portkeySigV4Probe, startPortkey, startStrataGateway } from './gateways.mjs';
import { HOLD_TEXT, startHoldingEmulator } from './holding-emulator.mjs';
import { benchArgs, writePart } from './part.mjs';
import { percentile, summary } from './stats.mjs';

const { quick } = benchArgs();
const CONCURRENCY = 16;
const CALLS = quick ? 100 : 1000;
const ROUNDS = quick ? 1 : 3;
const SSE_CLIENTS = quick ? 100 : 1000;
const GATEWAYS = { 'strata-gateway': startStrataGateway, portkey: startPortkey };
const CONTENDERS = [
  // A baseline rather than a peer: the chart leaves it out.
  { key: 'library', label: 'Strata library alone', baseline: true },
  { key: 'strata-gateway', label: 'Strata gateway' },
  { key: 'portkey', label: 'Portkey gateway' },
];

/** `total` calls over CONCURRENCY workers: req/s and the p50/p99 of each call's latency. */
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
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Rounds of every run, rotating who goes first after a warm-up round that checks every answer. */
async function throughput(emulatorUrl, servers, agent) {
  const notes = [await portkeySigV4Probe(servers.portkey, emulatorUrl, agent)];
  try {
    const bedrock = createBedrock({ endpoint: emulatorUrl, region: REGION, apiKey: API_KEY });
    const messages = [{ role: 'user', content: [{ type: 'text', text: SHORT_TEXT }] }];
    const runs = [
      {
        key: 'library',
        stream: false,
        call: async () =>
          expectText('library', (await bedrock.chat({ model: MODEL, messages })).message.content[0]?.text),
      },
    ];
    for (const key of Object.keys(GATEWAYS)) {
      const client = completions(servers[key].url, agent, servers[key].headers, key);
      runs.push({ key, stream: false, call: client.call }, { key, stream: true, call: client.stream });
    }
    for (const run of runs) run.rounds = [];
    for (let round = 0; round <= ROUNDS; round++) {
      process.stderr.write(round === 0 ? 'gateway: warm-up' : ` round ${round}/${ROUNDS}`);
      for (let i = 0; i < runs.length; i++) {
        const run = runs[(i + round) % runs.length];
        if (run.error) continue;
        try {
          const result = await batch(run.call, round === 0 ? CALLS >> 2 : CALLS);
          if (round > 0) run.rounds.push(result);
        } catch (error) {
          run.error = error.message;
          process.stderr.write(`\n${run.key}${run.stream ? ' stream' : ''} failed: ${run.error}\n`);
        }
      }
    }
    process.stderr.write('\n');
    return { runs, notes };
  } finally {
    await closeSharedDispatchers();
  }
}

/**
 * SSE_CLIENTS streams opened at once on a gateway (warm from the throughput runs) whose upstream holds
 * each after its first delta. Memory (after a full GC, in the gateway) is sampled once every client
 * streams, or once the count of streaming clients has stopped growing for 2 s.
 */
async function sseMemory(key, server) {
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  try {
    const client = completions(server.url, agent, server.headers, key);
    const idle = await server.memory();
    let open = 0;
    let failure;
    for (let i = 0; i < SSE_CLIENTS; i++) {
      client.open(HOLD_TEXT).then(
        () => open++,
        (error) => {
          failure ??= error;
        },
      );
    }
    let last = -1;
    let stableSince = performance.now();
    const start = performance.now();
    while (open < SSE_CLIENTS && failure === undefined && performance.now() - start < 60_000) {
      await sleep(50);
      if (open !== last) [last, stableSince] = [open, performance.now()];
      else if (open > 0 && performance.now() - stableSince > 2000) break;
    }
    if (failure !== undefined) throw failure;
    const samples = [];
    for (let i = 0; i < 3; i++) {
      samples.push(await server.memory());
      await sleep(100);
    }
    return { open, idle, samples };
  } finally {
    await agent.destroy();
  }
}

// One emulator for both phases: it holds only prompts that start with "hold ".
const emulator = await startHoldingEmulator();
const servers = {};
const agent = new Agent({ keepAliveTimeout: 60_000, connections: CONCURRENCY });
let runs = [];
let notes = [];
const memory = {};
try {
  for (const [key, start] of Object.entries(GATEWAYS)) servers[key] = await start(emulator.url);
  ({ runs, notes } = await throughput(emulator.url, servers, agent));
  for (const key of Object.keys(GATEWAYS)) {
    process.stderr.write(`gateway: ${SSE_CLIENTS} SSE clients, ${key}\n`);
    memory[key] = await sseMemory(key, servers[key]).catch((error) => ({ error: error.message }));
  }
} finally {
  await agent.close();
  await Promise.all(Object.values(servers).map((server) => server.stop()));
  await emulator.stop();
}

const libraryRun = runs.find((r) => r.key === 'library');
/** A figure from the throughput runs of one shape; `added` figures are gateway minus library. */
function runFigure(id, title, unit, better, digits, { stream, added = false }, value) {
  const values = {};
  for (const run of runs.filter((r) => r.stream === stream && !(added && r.key === 'library'))) {
    if (run.error) values[run.key] = { error: run.error };
    else if (added && libraryRun.error) values[run.key] = { error: `library: ${libraryRun.error}` };
    else values[run.key] = summary(run.rounds.map((r, i) => value(r, libraryRun.rounds[i])));
  }
  return { id, title, unit, better, digits, values };
}
const memoryFigure = (id, title, unit, better, digits, value) => ({
  id,
  title,
  unit,
  better,
  digits,
  values: Object.fromEntries(
    Object.entries(memory).map(([key, m]) => [key, m.error ? m : summary(m.samples.map((s) => value(s, m)))]),
  ),
});
const mib = (bytes) => bytes / 2 ** 20;
const figures = [];
for (const stream of [false, true]) {
  const shape = stream ? 'streaming' : 'plain';
  const tag = stream ? 'stream-' : '';
  figures.push(
    runFigure(
      `gw-${tag}rps`,
      `${shape}: req/s, concurrency ${CONCURRENCY}`,
      'req/s',
      'higher',
      0,
      { stream },
      (r) => r.perSecond,
    ),
    runFigure(`gw-${tag}p50`, `${shape}: p50 latency`, 'ms', 'lower', 2, { stream }, (r) => r.p50),
    runFigure(`gw-${tag}p99`, `${shape}: p99 latency`, 'ms', 'lower', 2, { stream }, (r) => r.p99),
    runFigure(
      `gw-${tag}added-p50`,
      `${shape}: p50 added over the library alone`,
      'ms',
      'lower',
      2,
      { stream, added: true },
      (r, lib) => r.p50 - lib.p50,
    ),
  );
}
figures.push(
  memoryFigure(
    'gw-sse-open',
    `SSE clients streaming at once, of ${SSE_CLIENTS}`,
    'clients',
    'higher',
    0,
    (_, m) => m.open,
  ),
  memoryFigure('gw-sse-rss', `RSS with ${SSE_CLIENTS} SSE clients`, 'MiB', 'lower', 1, (s) => mib(s.rss)),
  memoryFigure('gw-sse-heap', `V8 heap used with ${SSE_CLIENTS} SSE clients`, 'MiB', 'lower', 1, (s) =>
    mib(s.heapUsed),
  ),
);

writePart('gateway', {
  title: 'Gateways: OpenAI-style /v1/chat/completions in front of the same emulator',
  method: `each server its own process; ${CALLS} calls per round at concurrency ${CONCURRENCY}, ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} after a warm-up, median (min–max) of the rounds' figures; memory in each gateway process after those runs and a full GC, 3 samples; both gateways (and the library) authenticate upstream with a Bedrock API key`,
  reference: 'strata-gateway',
  contenders: CONTENDERS,
  idle: Object.fromEntries(Object.entries(memory).map(([key, m]) => [key, m.idle])),
  notes,
  figures,
});
