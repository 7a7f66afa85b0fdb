// Library benchmark: calls/s at concurrency 1, 16 and 64 and client CPU per call, the time to the first
// text delta of a short reply, then a long reply streamed (deltas/s, CPU per 1,000 deltas), for Strata, the AWS SDK v3, the
// Vercel AI SDK, LangChain and a bare signed request (the floor). Each contender lives in its own
// process (contender-worker.mjs) and the emulator in another, so a process's CPU clock counts one
// client only. Contenders take turns in rounds, rotating who goes first, after a warm-up round that
// also checks every answer; each figure is the median of the rounds, with min and max. Timings never
// fail the run; errors do.

import { deltasOf, SHORT_TEXT, textFor } from './contenders/expect.mjs';
import { CONTENDERS } from './contenders/index.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';
import { benchArgs, writePart } from './part.mjs';
import { summary } from './stats.mjs';
import { startWorker } from './workers.mjs';

const { quick } = benchArgs();
const ROUNDS = quick ? 1 : 5;
const LONG_DELTAS = 2000;
const LONG_TEXT = textFor(LONG_DELTAS);
const SHORT_DELTAS = deltasOf(SHORT_TEXT);

/** What each round runs, per contender; each job yields one or more figures. */
const JOBS = [
  // 1,000 calls: at 200, one GC or scheduler hiccup moved the per-call CPU of a round by 2–3×.
  { job: 'calls', params: { concurrency: 1, total: quick ? 40 : 1000 } },
  { job: 'calls', params: { concurrency: 16, total: quick ? 64 : 1000 } },
  { job: 'calls', params: { concurrency: 64, total: quick ? 64 : 1000 } },
  // The emulator builds a reply's frames before sending the first, so a long reply's first delta
  // would time the emulator; a short one times the client.
  { job: 'streams', params: { total: quick ? 20 : 100, text: SHORT_TEXT, deltas: SHORT_DELTAS } },
  { job: 'streams', params: { total: quick ? 1 : 10, text: LONG_TEXT, deltas: LONG_DELTAS } },
];

const FIGURES = [
  {
    id: 'calls-c1',
    job: 0,
    key: 'perSecond',
    title: 'calls/s, concurrency 1',
    unit: 'calls/s',
    better: 'higher',
    digits: 0,
  },
  {
    id: 'calls-c16',
    job: 1,
    key: 'perSecond',
    title: 'calls/s, concurrency 16',
    unit: 'calls/s',
    better: 'higher',
    digits: 0,
  },
  {
    id: 'calls-c64',
    job: 2,
    key: 'perSecond',
    title: 'calls/s, concurrency 64',
    unit: 'calls/s',
    better: 'higher',
    digits: 0,
  },
  {
    id: 'cpu-call-c1',
    job: 0,
    key: 'cpuMs',
    title: 'client CPU per call, concurrency 1',
    unit: 'ms',
    better: 'lower',
    digits: 3,
  },
  {
    id: 'cpu-call-c16',
    job: 1,
    key: 'cpuMs',
    title: 'client CPU per call, concurrency 16',
    unit: 'ms',
    better: 'lower',
    digits: 3,
  },
  {
    id: 'cpu-call-c64',
    job: 2,
    key: 'cpuMs',
    title: 'client CPU per call, concurrency 64',
    unit: 'ms',
    better: 'lower',
    digits: 3,
  },
  {
    id: 'ttfe',
    job: 3,
    key: 'ttfeMs',
    title: 'time to first text delta, short reply',
    unit: 'ms',
    better: 'lower',
    digits: 2,
  },
  {
    id: 'events-per-s',
    job: 4,
    key: 'eventsPerSecond',
    title: `text deltas/s (${LONG_DELTAS}-delta reply)`,
    unit: 'deltas/s',
    better: 'higher',
    digits: 0,
  },
  {
    id: 'cpu-1000-events',
    job: 4,
    key: 'cpuMsPer1000',
    title: 'client CPU per 1,000 text deltas',
    unit: 'ms',
    better: 'lower',
    digits: 2,
  },
];

const keys = Object.keys(CONTENDERS);
const emulator = await startEmulatorProcess();
const workers = {};
const samples = Object.fromEntries(keys.map((k) => [k, JOBS.map(() => [])]));
const errors = {};
try {
  await Promise.all(keys.map(async (key) => (workers[key] = await startWorker(key, { url: emulator.url }))));
  for (let round = 0; round <= ROUNDS; round++) {
    process.stderr.write(round === 0 ? 'library: warm-up' : ` round ${round}/${ROUNDS}`);
    for (const [j, { job, params }] of JOBS.entries()) {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[(i + round) % keys.length];
        if (errors[key]) continue;
        // The warm-up round is shorter, but long enough for the JIT to settle.
        const sized = round === 0 ? { ...params, total: Math.max(2, params.total >> 1) } : params;
        try {
          const result = await workers[key].run(job, sized);
          if (round > 0) samples[key][j].push(result);
        } catch (error) {
          errors[key] = error.message;
          process.stderr.write(`\n${CONTENDERS[key].label} failed: ${errors[key]}\n`);
        }
      }
    }
  }
  process.stderr.write('\n');
} finally {
  await Promise.all(Object.values(workers).map((w) => w.stop()));
  await emulator.stop();
}

writePart('library', {
  title: 'Library: the same Converse call and ConverseStream reply from each client',
  method: `plain-HTTP emulator in its own process; each contender in its own process; ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} after a warm-up, median (min–max)`,
  reference: 'strata',
  contenders: keys.map((key) => ({ key, label: CONTENDERS[key].label })),
  rounds: ROUNDS,
  jobs: JOBS.map(({ job, params }) => ({ job, ...params, text: undefined })),
  figures: FIGURES.map(({ job, key: field, ...figure }) => ({
    ...figure,
    values: Object.fromEntries(
      keys.map((key) => [
        key,
        errors[key] ? { error: errors[key] } : summary(samples[key][job].map((s) => s[field])),
      ]),
    ),
  })),
});
