// Library benchmark: client CPU per call and per stream, and calls/s, for Strata next to the AWS SDK v3
// and a bare SigV4-signed keep-alive request (the floor), all against the same emulator processes.
// Contenders take turns in rounds (A B C, B C A, …) so machine noise lands on all of them alike; each
// figure is the median of the rounds, with min and max. Timings never fail the run; errors do.
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import tls from 'node:tls';
import { closeSharedDispatchers } from '@strata/bedrock';
import { awsSdk, floor, SHORT_TEXT, STREAM_DELTAS, strata } from './contenders.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 5;
const size = (full, fast) => (quick ? fast : full);
/** Calls per contender and batch in the warm-up round: enough for the JIT to settle, even in quick mode. */
const WARM_UP = size(20, 10);

/**
 * The `--tls` emulator generates its certificate at start and does not print it. Reading it off a
 * handshake (loopback, trust on first use) lets every client trust it through its ordinary option —
 * Strata's `ca`, undici's `connect.ca`, node:http2's `ca` — so the TLS path measured is the production
 * one, verification included, with no NODE_TLS_REJECT_UNAUTHORIZED anywhere.
 */
async function certificateOf(url) {
  const { hostname, port } = new URL(url);
  const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false });
  await once(socket, 'secureConnect');
  const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
  socket.destroy();
  return pem;
}

function sectionsFor(plain, secure, ca) {
  const h1 = { ca, allowH2: false };
  const h2 = { ca, allowH2: true };
  return [
    {
      title: 'Converse, short reply',
      unit: 'call',
      batches: [
        { label: 'concurrency 1', concurrency: 1, total: size(200, 30) },
        { label: 'concurrency 16', concurrency: 16, total: size(800, 160) },
      ],
      floor: 'floor: signed request (HTTP/1.1)',
      strata: 'Strata chat() (HTTP/1.1)',
      contenders: [
        floor({ name: 'floor: signed request (HTTP/1.1)', url: plain, stream: false }),
        // Strata's chat() rides ConverseStream; this row shows what that wire shape costs by itself.
        floor({
          name: 'floor: ConverseStream, bytes read (HTTP/1.1)',
          url: plain,
          stream: true,
          text: SHORT_TEXT,
        }),
        awsSdk({ name: 'AWS SDK v3 default (HTTP/2, session per call)', url: plain, stream: false }),
        awsSdk({ name: 'AWS SDK v3 NodeHttpHandler (HTTP/1.1)', url: plain, stream: false, http1: true }),
        strata({ name: 'Strata chat() (HTTP/1.1)', url: plain, stream: false }),
      ],
    },
    {
      title: `ConverseStream, ${STREAM_DELTAS} deltas`,
      unit: 'stream',
      batches: [{ label: 'concurrency 1', concurrency: 1, total: size(80, 15) }],
      floor: 'floor: signed request, bytes read (HTTP/1.1)',
      strata: 'Strata stream() (HTTP/1.1)',
      contenders: [
        floor({ name: 'floor: signed request, bytes read (HTTP/1.1)', url: plain, stream: true }),
        floor({ name: 'floor + eventstream-codec + JSON.parse', url: plain, stream: true, decode: true }),
        awsSdk({ name: 'AWS SDK v3 default (HTTP/2, session per call)', url: plain, stream: true }),
        awsSdk({ name: 'AWS SDK v3 NodeHttpHandler (HTTP/1.1)', url: plain, stream: true, http1: true }),
        strata({ name: 'Strata stream() (HTTP/1.1)', url: plain, stream: true }),
      ],
    },
    {
      title: `ConverseStream, ${STREAM_DELTAS} deltas, many at once over TLS`,
      unit: 'stream',
      batches: [{ label: 'concurrency 64', concurrency: 64, total: size(320, 64) }],
      floor: 'floor: bytes read (HTTP/1.1, TLS)',
      strata: 'Strata stream() (HTTP/1.1, TLS)',
      contenders: [
        floor({ name: 'floor: bytes read (HTTP/1.1, TLS)', url: secure, stream: true, tls: h1 }),
        floor({ name: 'floor: bytes read (HTTP/2, TLS)', url: secure, stream: true, tls: h2 }),
        awsSdk({ name: 'AWS SDK v3 default (HTTP/2, TLS, session per call)', url: secure, stream: true, ca }),
        strata({ name: 'Strata stream() (HTTP/1.1, TLS)', url: secure, stream: true, tls: h1 }),
        strata({ name: 'Strata stream() (HTTP/2, TLS, allowH2)', url: secure, stream: true, tls: h2 }),
      ],
    },
  ];
}

/**
 * `total` calls over `concurrency` workers. CPU is the whole process's (user + system, all threads)
 * across the batch, divided by the calls: the emulator lives in another process, so it is the client's.
 * No forced GC between batches: a `gc()` added a fixed ~80 ms of CPU to the batch after it, whatever its
 * size, which skewed small batches most. Rotating the order instead spreads leftover garbage evenly.
 */
async function batch(call, total, concurrency) {
  let issued = 0;
  let failure;
  const worker = async () => {
    while (failure === undefined && issued < total) {
      issued++;
      try {
        await call();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (failure !== undefined) throw failure;
  return { cpuMs: (cpu.user + cpu.system) / 1000 / total, perSecond: total / seconds };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

async function measure(sections) {
  for (const section of sections) {
    for (const contender of section.contenders) contender.samples = section.batches.map(() => []);
  }
  // Round 0 warms the JIT, the pools and the emulator, and checks every contender's answers.
  for (let round = 0; round <= ROUNDS; round++) {
    process.stderr.write(round === 0 ? 'warm-up' : ` round ${round}/${ROUNDS}`);
    for (const section of sections) {
      const n = section.contenders.length;
      // Rotate who goes first, so no contender always follows the same one.
      for (let i = 0; i < n; i++) {
        const contender = section.contenders[(i + round) % n];
        if (contender.error) continue;
        for (const [b, { concurrency, total }] of section.batches.entries()) {
          try {
            const result = await batch(
              contender.call,
              round === 0 ? Math.max(WARM_UP, concurrency, total >> 2) : total,
              concurrency,
            );
            if (round > 0) contender.samples[b].push(result);
          } catch (error) {
            contender.error = error instanceof Error ? error.message : String(error);
            process.stderr.write(`\n${contender.name} failed: ${contender.error}\n`);
            break;
          }
        }
      }
    }
  }
  process.stderr.write('\n');
}

/** Per section and batch: each contender's CPU and rate summaries, with ratios of medians. */
function results(sections) {
  return sections.map((section) => ({
    title: section.title,
    unit: section.unit,
    floor: section.floor,
    strata: section.strata,
    batches: section.batches.map(({ label, concurrency, total }, b) => {
      const rows = section.contenders.map((c) => ({
        name: c.name,
        kind: c.kind,
        ...(c.error
          ? { error: c.error }
          : {
              cpuMs: summary(c.samples[b].map((s) => s.cpuMs)),
              perSecond: summary(c.samples[b].map((s) => s.perSecond)),
            }),
      }));
      const ref = (name) => rows.find((r) => r.name === name && !r.error);
      const ratio = (row, key, to) => (to && !row.error ? row[key].median / to[key].median : undefined);
      for (const row of rows) {
        row.ratios = {
          cpuToFloor: ratio(row, 'cpuMs', ref(section.floor)),
          cpuToStrata: ratio(row, 'cpuMs', ref(section.strata)),
          rateToFloor: ratio(row, 'perSecond', ref(section.floor)),
          rateToStrata: ratio(row, 'perSecond', ref(section.strata)),
        };
      }
      return { label, concurrency, callsPerRound: total, rows };
    }),
  }));
}

/** The targets, judged on medians. */
function targets(report) {
  const [calls, streams, concurrent] = report;
  const cpu = (section, name, b = 0) =>
    section.batches[b].rows.find((r) => r.name === name && !r.error)?.cpuMs.median;
  const rate = (section, name) =>
    section.batches[0].rows.find((r) => r.name === name && !r.error)?.perSecond.median;
  const verdict = (ok) => (ok === undefined ? 'no figure' : ok ? 'met' : 'not met');
  const fmt = (x) => (x === undefined ? '–' : x.toFixed(2));

  const callRatio = cpu(calls, calls.strata) / cpu(calls, calls.floor);
  const streamCpu = cpu(streams, streams.strata);
  const sdkStream = Math.min(
    ...streams.batches[0].rows.filter((r) => r.kind === 'sdk' && !r.error).map((r) => r.cpuMs.median),
  );
  const sdkRatio = sdkStream / streamCpu;
  const h1 = rate(concurrent, 'Strata stream() (HTTP/1.1, TLS)');
  const h2 = rate(concurrent, 'Strata stream() (HTTP/2, TLS, allowH2)');
  const defined = (x) => (Number.isFinite(x) ? x : undefined);
  return [
    {
      target: 'Strata CPU per call within 1.5× the floor',
      figure: `${fmt(defined(callRatio))}× the floor`,
      verdict: verdict(defined(callRatio) && callRatio <= 1.5),
    },
    {
      target: `Strata CPU per ${STREAM_DELTAS}-delta stream under 2 ms`,
      figure: `${fmt(streamCpu)} ms`,
      verdict: verdict(defined(streamCpu) && streamCpu < 2),
    },
    {
      target: 'at least 5× less stream CPU than the AWS SDK (its cheaper configuration)',
      figure: `${fmt(defined(sdkRatio))}× less`,
      verdict: verdict(defined(sdkRatio) && sdkRatio >= 5),
    },
    {
      target: 'faster protocol for 64 concurrent streams (Strata, TLS)',
      figure: `HTTP/1.1 ${fmt(h1)}/s, HTTP/2 ${fmt(h2)}/s`,
      verdict: h1 === undefined || h2 === undefined ? 'no figure' : h2 > h1 ? 'HTTP/2' : 'HTTP/1.1',
    },
  ];
}

const num = (x, digits) => (x >= 100 || digits === 0 ? Math.round(x).toString() : x.toFixed(digits));
const times = (x) => (x === undefined ? '–' : `${x.toFixed(2)}×`);

function markdown(report, goals, meta) {
  const lines = [
    '# Library benchmark',
    '',
    `${meta.date} · ${meta.machine} · Node ${meta.node} · ${meta.mode} mode, median of ${meta.rounds} rounds (min–max)`,
    `Load average at start: ${meta.loadAverage.join(', ')}`,
    '',
    '| target | figure | verdict |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.target} | ${g.figure} | ${g.verdict} |`),
  ];
  for (const section of report) {
    for (const b of section.batches) {
      for (const [key, heading, ratios, digits] of [
        ['cpuMs', `client CPU ms per ${section.unit}`, ['cpuToFloor', 'cpuToStrata'], 3],
        ['perSecond', `${section.unit}s/s`, ['rateToFloor', 'rateToStrata'], 0],
      ]) {
        lines.push('', `## ${section.title}: ${heading}, ${b.label} (${b.callsPerRound} per round)`, '');
        lines.push('| contender | median | min | max | × floor | × Strata |', '|---|--:|--:|--:|--:|--:|');
        for (const row of b.rows) {
          if (row.error) {
            lines.push(`| ${row.name} | error: ${row.error.replaceAll('|', '\\|')} | | | | |`);
            continue;
          }
          const s = row[key];
          lines.push(
            `| ${row.name} | ${num(s.median, digits)} | ${num(s.min, digits)} | ${num(s.max, digits)} | ${times(row.ratios[ratios[0]])} | ${times(row.ratios[ratios[1]])} |`,
          );
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

const loadAtStart = os.loadavg();
const plain = await startEmulatorProcess();
const secure = await startEmulatorProcess(['--tls']);
let sections = [];
try {
  const ca = await certificateOf(secure.url);
  sections = sectionsFor(plain.url, secure.url, ca);
  await measure(sections);
} finally {
  await Promise.allSettled(sections.flatMap((s) => s.contenders.map((c) => c.close())));
  await closeSharedDispatchers();
  await Promise.all([plain.stop(), secure.stop()]);
}

const cpus = os.cpus();
const meta = {
  date: new Date().toISOString(),
  machine: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  mode: quick ? 'quick' : 'full',
  rounds: ROUNDS,
  loadAverage: loadAtStart.map((x) => x.toFixed(2)),
};
const report = results(sections);
const goals = targets(report);
const md = markdown(report, goals, meta);
process.stdout.write(md);
writeFileSync(new URL('./results/library.md', import.meta.url), md);
writeFileSync(
  new URL('./results/library.json', import.meta.url),
  `${JSON.stringify({ ...meta, targets: goals, sections: report }, null, 2)}\n`,
);
const failed = sections.flatMap((s) => s.contenders).filter((c) => c.error);
if (failed.length > 0) {
  console.error(`no figure for: ${[...new Set(failed.map((c) => c.name))].join(', ')}`);
  process.exitCode = 1;
}
