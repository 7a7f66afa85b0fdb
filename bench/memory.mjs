// Memory of a library client with many streams open at once: each contender in a fresh process of its
// own opens OPEN_STREAMS ConverseStreams against an emulator that sends each stream's first text delta
// and then holds it until the client goes away (a script rule with the `stall-mid-stream` fault), so
// every stream is open at the same moment. The figures are the worker's RSS and V8 heap after a full
// GC, three samples while all are open; and how many streams each client opens at once with its
// default settings. Plain HTTP, where each client's protocol is HTTP/1.1 except the AWS SDK's (and so
// LangChain's): h2c, a session per request. TLS would add the same per-socket cost to every client and
// make 1,000 handshakes the bulk of the run. Every client runs with its defaults: the count figure
// shows how many streams each actually had open at once.
import { deltasOf } from './contenders/expect.mjs';
import { CONTENDERS } from './contenders/index.mjs';
import { HOLD_TEXT, startHoldingEmulator } from './holding-emulator.mjs';
import { benchArgs, writePart } from './part.mjs';
import { summary } from './stats.mjs';
import { startWorker } from './workers.mjs';

const { quick } = benchArgs();
const OPEN_STREAMS = quick ? 100 : 1000;
/** How long opening them all may take before the run counts as failed. */
const OPEN_TIMEOUT_MS = 60_000;
/** With a client that queues streams, when its count of open ones stopped growing. */
const SETTLE_MS = 2000;

async function holdRun(key, emulator) {
  const worker = await startWorker(key, { url: emulator.url });
  try {
    return await worker.run('hold', {
      count: OPEN_STREAMS,
      text: HOLD_TEXT,
      deltas: deltasOf(HOLD_TEXT),
      timeoutMs: OPEN_TIMEOUT_MS,
      settleMs: SETTLE_MS,
    });
  } catch (error) {
    process.stderr.write(`${CONTENDERS[key].label} failed: ${error.message}\n`);
    return { error: error.message };
  } finally {
    await worker.stop();
  }
}

const keys = Object.keys(CONTENDERS);
/** Per contender: the run with every stream open (memory), and how many it had open at once. */
const results = {};
const opened = {};
const emulator = await startHoldingEmulator();
try {
  for (const key of keys) {
    process.stderr.write(`memory: ${OPEN_STREAMS} open streams, ${CONTENDERS[key].label}\n`);
    results[key] = await holdRun(key, emulator);
    opened[key] = results[key].error ? results[key] : summary([results[key].open]);
    if (!results[key].error && results[key].open < OPEN_STREAMS) {
      results[key] = { error: `only ${results[key].open} of ${OPEN_STREAMS} streams opened` };
    }
  }
} finally {
  await emulator.stop();
}

const figure = (id, title, field) => ({
  id,
  title,
  unit: 'MiB',
  better: 'lower',
  digits: 1,
  values: Object.fromEntries(
    keys.map((key) => [
      key,
      results[key].error ? results[key] : summary(results[key].samples.map((s) => s[field])),
    ]),
  ),
});

writePart('memory', {
  title: `Library: memory with ${OPEN_STREAMS.toLocaleString('en-US')} streams open at once`,
  method: `plain-HTTP emulator holding every stream after its first delta; a fresh process per contender; after a full GC, median (min–max) of 3 samples while all ${OPEN_STREAMS} are open; every client with its default settings`,
  reference: 'strata',
  contenders: keys.map((key) => ({ key, label: CONTENDERS[key].label })),
  // The worker's memory before opening any, and how long opening them all took.
  idle: Object.fromEntries(keys.map((key) => [key, results[key].idle])),
  openMs: Object.fromEntries(keys.map((key) => [key, results[key].openMs])),
  figures: [
    {
      id: 'open-streams-defaults',
      title: `streams open at once with default settings, of ${OPEN_STREAMS}`,
      unit: 'streams',
      better: 'higher',
      digits: 0,
      values: opened,
    },
    figure('rss-open-streams', `RSS with ${OPEN_STREAMS} streams open`, 'rssMb'),
    figure('heap-open-streams', `V8 heap used with ${OPEN_STREAMS} streams open`, 'heapMb'),
  ],
});
