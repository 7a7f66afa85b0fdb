// HTTP/1.1 keep-alive against HTTP/2 over TLS, with many concurrent streams: 64 ConverseStreams at once,
// each a 200-delta reply, from Strata with its default (HTTP/1.1 keep-alive) and with `allowH2: true`
// (HTTP/2 by ALPN on https), and from the floor (a signed undici request) over each protocol. The emulator
// serves HTTPS with HTTP/2 and HTTP/1.1 on one port (`tls: true`); every client trusts its self-signed
// certificate through its own option (Strata's `ca`, undici's `connect.ca`). Each client runs in its
// own process; they take turns in rounds, rotating who goes first, after a warm-up round. A row fails
// unless every stream got its deltas, the emulator served exactly the streams asked for, and every
// connection the client opened negotiated the row's protocol (ALPN, seen by the client's process).

import { deltasOf, textFor } from './contenders/expect.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';
import { benchArgs, writePart } from './part.mjs';
import { summary } from './stats.mjs';
import { startWorker } from './workers.mjs';

const { quick } = benchArgs();
const ROUNDS = quick ? 1 : 5;
const AT_ONCE = quick ? 16 : 64;
const BATCHES = quick ? 1 : 5;
const DELTAS = 200;
const TEXT = textFor(DELTAS);
if (deltasOf(TEXT) !== DELTAS) throw new Error(`textFor(${DELTAS}) streams ${deltasOf(TEXT)} deltas`);

/** Each row: which contender module runs it, with which options, and the protocol it must negotiate. */
const ROWS = [
  {
    key: 'strata-h1',
    worker: 'strata',
    label: 'Strata (HTTP/1.1, default)',
    options: {},
    protocol: 'http/1.1',
  },
  {
    key: 'strata-h2',
    worker: 'strata',
    label: 'Strata (HTTP/2, allowH2: true)',
    options: { allowH2: true },
    protocol: 'h2',
  },
  {
    key: 'floor-h1',
    worker: 'floor',
    label: 'floor (HTTP/1.1 keep-alive)',
    options: {},
    protocol: 'http/1.1',
  },
  {
    key: 'floor-h2',
    worker: 'floor',
    label: 'floor (HTTP/2, undici allowH2)',
    options: { allowH2: true },
    protocol: 'h2',
  },
];

const FIGURES = [
  {
    id: 'streams-per-s',
    key: 'streamsPerSecond',
    title: `streams/s, ${AT_ONCE} at once (${DELTAS}-delta replies, TLS)`,
    unit: 'streams/s',
    better: 'higher',
    digits: 0,
  },
  {
    id: 'cpu-stream',
    key: 'cpuMsPerStream',
    title: `client CPU per stream, ${AT_ONCE} at once`,
    unit: 'ms',
    better: 'lower',
    digits: 3,
  },
];

/** Throws unless the worker opened a connection and every one it opened negotiated `row.protocol`. */
function expectProtocol(row, connections) {
  const other = Object.entries(connections).filter(([protocol, n]) => protocol !== row.protocol && n > 0);
  if (!(connections[row.protocol] > 0) || other.length > 0) {
    const seen = Object.entries(connections).map(([p, n]) => `${n} ${p}`);
    throw new Error(
      `${row.label} negotiated ${seen.join(', ') || 'no connection'}, not only ${row.protocol}`,
    );
  }
}

const emulator = await startEmulatorProcess({ tls: true });
if (!emulator.url.startsWith('https:') || !emulator.certificate) {
  throw new Error(`the emulator did not start with TLS (${emulator.url})`);
}
const workers = {};
const samples = Object.fromEntries(ROWS.map((r) => [r.key, []]));
const errors = {};
/** TLS connections the emulator accepted during each row's jobs, warm-up and traced batch included. */
const accepted = Object.fromEntries(ROWS.map((r) => [r.key, 0]));
/** What each row's connections negotiated, as its worker last reported. */
const negotiated = {};
/** How many connections one batch's streams went out on, from an untimed traced batch after the rounds. */
const perBatch = {};
try {
  await Promise.all(
    ROWS.map(async (row) => {
      workers[row.key] = await startWorker(row.worker, {
        url: emulator.url,
        name: row.label,
        ca: emulator.certificate,
        ...row.options,
      });
    }),
  );
  for (let round = 0; round <= ROUNDS; round++) {
    process.stderr.write(round === 0 ? 'protocols: warm-up' : ` round ${round}/${ROUNDS}`);
    for (let i = 0; i < ROWS.length; i++) {
      const row = ROWS[(i + round) % ROWS.length];
      if (errors[row.key]) continue;
      const batches = round === 0 ? Math.max(1, BATCHES >> 1) : BATCHES;
      try {
        const before = await emulator.stats();
        const result = await workers[row.key].run('streams-at-once', {
          count: AT_ONCE,
          batches,
          text: TEXT,
          deltas: DELTAS,
        });
        const after = await emulator.stats();
        const served = (after.byOperation.ConverseStream ?? 0) - (before.byOperation.ConverseStream ?? 0);
        if (served !== AT_ONCE * batches) {
          throw new Error(`the emulator served ${served} ConverseStreams, not ${AT_ONCE * batches}`);
        }
        accepted[row.key] += after.connections - before.connections;
        negotiated[row.key] = result.connections;
        expectProtocol(row, result.connections);
        if (round > 0) samples[row.key].push(result);
      } catch (error) {
        errors[row.key] = error.message;
        process.stderr.write(`\n${row.label} failed: ${errors[row.key]}\n`);
      }
    }
  }
  // Untimed: which connections one batch uses (undici's pool, not the protocol, decides how many).
  for (const row of ROWS) {
    if (errors[row.key]) continue;
    try {
      const before = await emulator.stats();
      const traced = await workers[row.key].run('streams-at-once', {
        count: AT_ONCE,
        batches: 1,
        text: TEXT,
        deltas: DELTAS,
        traceSockets: true,
      });
      accepted[row.key] += (await emulator.stats()).connections - before.connections;
      expectProtocol(row, traced.connections);
      negotiated[row.key] = traced.connections;
      perBatch[row.key] = traced.socketsPerBatch;
    } catch (error) {
      errors[row.key] = error.message;
      process.stderr.write(`\n${row.label} failed: ${errors[row.key]}\n`);
    }
  }
  process.stderr.write('\n');
} finally {
  await Promise.all(Object.values(workers).map((w) => w.stop()));
  await emulator.stop();
}

const connectionsNote = ROWS.map((row) => {
  const seen = Object.entries(negotiated[row.key] ?? {})
    .map(([p, n]) => `${n} ${p}`)
    .join(', ');
  return `${row.label}: ${seen || 'none'} (the emulator accepted ${accepted[row.key]}); one batch: ${AT_ONCE} streams on ${perBatch[row.key] ?? '?'} connections`;
}).join('; ');

writePart('protocols', {
  title: `Protocols: ${AT_ONCE} concurrent ConverseStreams over TLS, HTTP/2 against HTTP/1.1 keep-alive`,
  method: `TLS emulator (HTTP/2 and HTTP/1.1 by ALPN on one port) in its own process; each client in its own process; ${AT_ONCE} streams at once × ${BATCHES} batches per round, ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} after a warm-up, median (min–max); reference: Strata's default (HTTP/1.1)`,
  reference: 'strata-h1',
  contenders: ROWS.map(({ key, label }) => ({ key, label })),
  rounds: ROUNDS,
  jobs: [{ job: 'streams-at-once', count: AT_ONCE, batches: BATCHES, deltas: DELTAS }],
  figures: FIGURES.map(({ key: field, ...figure }) => ({
    ...figure,
    values: Object.fromEntries(
      ROWS.map(({ key }) => [
        key,
        errors[key] ? { error: errors[key] } : summary(samples[key].map((s) => s[field])),
      ]),
    ),
  })),
  notes: [
    `Connections each client opened, by the protocol its TLS handshake negotiated (ALPN, seen in the client's process; warm-up included; the emulator's own count beside it), and how many connections one batch's ${AT_ONCE} streams went out on (an untimed batch after the rounds): ${connectionsNote}.`,
  ],
});
