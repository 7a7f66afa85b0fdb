// One library contender in a process of its own, so its CPU clock, heap and garbage are its own. The
// parent (workers.mjs) sends jobs over IPC and gets one answer per job:
// - calls: `total` calls over `concurrency` workers → CPU ms per call and calls/s; with `tolerate`,
//   failed calls are counted instead of ending the batch (the resilience figures);
// - streams: `total` long streams one after another → time to first text delta, deltas/s, CPU per
//   1,000 deltas;
// - hold: `count` streams at once, each held open by the emulator → how many opened, and memory once
//   they are; the streams are left open (the parent stops the worker next);
// - streams-at-once: `count` streams at once, awaited together, `batches` times → streams/s and CPU
//   per stream, with the protocol every connection of this process negotiated (the protocols figures).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTENDERS } from './contenders/index.mjs';
import { median } from './stats.mjs';

const { contender: key, ...options } = JSON.parse(process.argv[2]);
const create = await CONTENDERS[key].load();
const contender = create({ name: CONTENDERS[key].label, ...options });

/**
 * The protocol each connection this process opened speaks, by what its TLS handshake negotiated (ALPN:
 * `h2` or `http/1.1`; `plain` without TLS). undici announces every connection it opens on this channel
 * (Strata and the floor both send through undici), and picks its HTTP/2 or HTTP/1.1 client by the
 * same `socket.alpnProtocol`, so these counts say which protocol every request of the process used.
 * Once per connection, not per request: no cost in the per-call figures.
 */
const connections = {};
subscribe('undici:client:connected', ({ socket }) => {
  const protocol = socket.alpnProtocol === undefined ? 'plain' : socket.alpnProtocol || 'none';
  connections[protocol] = (connections[protocol] ?? 0) + 1;
});

const cpuMsSince = (before) => {
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000;
};

/**
 * No forced GC between batches: a `gc()` added a fixed ~80 ms of CPU to the batch after it, whatever
 * its size. A process per contender keeps each one's garbage its own.
 */
async function calls({ total, concurrency, tolerate = false }) {
  let issued = 0;
  let failed = 0;
  let failure;
  const worker = async () => {
    while (failure === undefined && issued < total) {
      issued++;
      try {
        await contender.call();
      } catch (error) {
        failed++;
        if (!tolerate) failure ??= error;
      }
    }
  };
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  if (failure !== undefined) throw failure;
  return { cpuMs: cpuMsSince(cpuBefore) / total, perSecond: (total - failed) / seconds, failed };
}

async function streams({ total, text, deltas }) {
  const firsts = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const begun = performance.now();
    await contender.stream({ text, deltas, onFirst: () => firsts.push(performance.now() - begun) });
  }
  const seconds = (performance.now() - start) / 1000;
  const events = total * deltas;
  return {
    ttfeMs: median(firsts),
    eventsPerSecond: events / seconds,
    cpuMsPer1000: (cpuMsSince(cpuBefore) / events) * 1000,
  };
}

const memory = () => {
  globalThis.gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
};

/**
 * Opens `count` streams at once; the emulator stalls each after its first text delta until the client
 * goes away. Once every one has its first delta — or the count has not grown for `settleMs`, when the
 * client queues some — memory is sampled three times, each after a full GC.
 */
async function hold({ count, text, deltas, timeoutMs, settleMs }) {
  await contender.call();
  const idle = memory();
  let open = 0;
  let failure;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    contender.stream({ text, deltas, onFirst: () => open++ }).catch((error) => {
      failure ??= error;
    });
  }
  let last = -1;
  let since = start;
  while (open < count && failure === undefined && performance.now() - start < timeoutMs) {
    await sleep(10);
    if (open !== last) [last, since] = [open, performance.now()];
    else if (open > 0 && performance.now() - since > settleMs) break;
  }
  if (failure !== undefined) throw failure;
  const openMs = performance.now() - start;
  const samples = [];
  for (let i = 0; i < 3; i++) {
    samples.push(memory());
    await sleep(100);
  }
  if (failure !== undefined) throw failure;
  return { open, idle, openMs, samples };
}

/**
 * `count` streams started together and awaited together, `batches` times over: many concurrent
 * streams on one client, each checked for its deltas. A failed stream fails the job once its batch
 * has settled, so no stream outlives the job. With `traceSockets` (an untimed run: it costs every
 * request a call, and undici then prints an HTTP/2 request's headers into a string) it also reports
 * how many connections a batch's requests went out on, at most.
 */
async function streamsAtOnce({ count, batches, text, deltas, traceSockets = false }) {
  const used = new Set();
  const onHeaders = ({ socket }) => used.add(socket);
  if (traceSockets) subscribe('undici:client:sendHeaders', onHeaders);
  let socketsPerBatch = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  try {
    for (let b = 0; b < batches; b++) {
      used.clear();
      const settled = await Promise.allSettled(
        Array.from({ length: count }, () => contender.stream({ text, deltas })),
      );
      socketsPerBatch = Math.max(socketsPerBatch, used.size);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } finally {
    if (traceSockets) unsubscribe('undici:client:sendHeaders', onHeaders);
  }
  const seconds = (performance.now() - start) / 1000;
  const total = count * batches;
  return {
    streamsPerSecond: total / seconds,
    cpuMsPerStream: cpuMsSince(cpuBefore) / total,
    connections: { ...connections },
    ...(traceSockets ? { socketsPerBatch } : {}),
  };
}

const JOBS = { calls, streams, hold, 'streams-at-once': streamsAtOnce };

process.on('message', async ({ id, job, ...params }) => {
  try {
    process.send({ id, result: await JOBS[job](params) });
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
// A pool's close() waits for its requests, and held streams never end: give it a second, then go.
process.once('disconnect', () => {
  void Promise.race([contender.close(), sleep(1000)]).finally(() => process.exit(0));
});
process.send({ id: 0, result: 'ready' });
