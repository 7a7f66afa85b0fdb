// Resilience cost: the same calls against an emulator that throttles 10 % of requests (seeded fault
// rates), each contender with its own default retry settings. Per contender: calls that succeeded,
// succeeded calls/s, and upstream requests per call — the emulator's request counter, so retries
// show. Each round gets a fresh emulator with the same seed, so every contender meets the same
// sequence of throttles; and a fresh worker (contender-worker.mjs).
import { CONTENDERS } from './contenders/index.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';
import { benchArgs, writePart } from './part.mjs';
import { summary } from './stats.mjs';
import { startWorker } from './workers.mjs';

const { quick } = benchArgs();
const ROUNDS = quick ? 1 : 3;
const FAULTS = 'throttle=0.1';
const SEED = 7;
const CALLS = quick ? 60 : 400;
const CONCURRENCY = 16;

const keys = Object.keys(CONTENDERS);
const samples = Object.fromEntries(keys.map((k) => [k, []]));
const errors = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[(i + round) % keys.length];
    if (errors[key]) continue;
    process.stderr.write(`resilience: round ${round}/${ROUNDS}, ${CONTENDERS[key].label}\n`);
    const emulator = await startEmulatorProcess({ faults: FAULTS, seed: SEED });
    const worker = await startWorker(key, { url: emulator.url, retries: true }).catch((error) => {
      errors[key] = error.message;
    });
    try {
      if (!worker) continue;
      const result = await worker.run('calls', { total: CALLS, concurrency: CONCURRENCY, tolerate: true });
      const { byOperation } = await emulator.stats();
      const upstream = (byOperation.Converse ?? 0) + (byOperation.ConverseStream ?? 0);
      samples[key].push({
        perSecond: result.perSecond,
        succeededPct: ((CALLS - result.failed) / CALLS) * 100,
        upstreamPerCall: upstream / CALLS,
      });
    } catch (error) {
      errors[key] = error.message;
      process.stderr.write(`${CONTENDERS[key].label} failed: ${error.message}\n`);
    } finally {
      await worker?.stop();
      await emulator.stop();
    }
  }
}

const figure = (id, title, unit, better, digits, field) => ({
  id,
  title,
  unit,
  better,
  digits,
  values: Object.fromEntries(
    keys.map((key) => [
      key,
      errors[key] ? { error: errors[key] } : summary(samples[key].map((s) => s[field])),
    ]),
  ),
});

writePart('resilience', {
  title: 'Library: 10 % of requests throttled, default retries',
  method: `emulator \`--faults ${FAULTS} --seed ${SEED}\` (fresh per run); ${CALLS} calls at concurrency ${CONCURRENCY}; each client's default retry settings (the floor never retries); ${ROUNDS} round${ROUNDS > 1 ? 's' : ''}, median (min–max)`,
  reference: 'strata',
  contenders: keys.map((key) => ({ key, label: CONTENDERS[key].label })),
  figures: [
    figure('throttled-calls-per-s', 'succeeded calls/s, 10 % throttled', 'calls/s', 'higher', 0, 'perSecond'),
    figure('throttled-succeeded', 'calls that succeeded, 10 % throttled', '%', 'higher', 1, 'succeededPct'),
    figure(
      'throttled-upstream',
      'upstream requests per call, 10 % throttled',
      'requests',
      'none',
      3,
      'upstreamPerCall',
    ),
  ],
});
