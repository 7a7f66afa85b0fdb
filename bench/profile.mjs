// Where Strata's client CPU goes: `node bench/profile.mjs [stream|call] [count]` runs Strata's bench
// contender against an emulator process under the V8 sampling profiler (what `node --cpu-prof` records),
// then prints the functions with the most self time — all of them, and Strata's own (packages/bedrock).
// The raw profile is written to the temp directory, for Chrome DevTools.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { closeSharedDispatchers } from '@strata/bedrock';
import { deltasOf, textFor } from './contenders/expect.mjs';
import { strata } from './contenders/strata.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';

const mode = process.argv[2] === 'call' ? 'call' : 'stream';
const LONG_DELTAS = 2000;
const count = Number(process.argv[3] ?? (mode === 'call' ? 3000 : 100));
const warmUp = mode === 'call' ? 200 : 20;
const OWN = '/packages/bedrock/';

const keyOf = ({ functionName, url, lineNumber }) => {
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
  return `${functionName || '(anonymous)'} ${file || '(native)'}${url ? `:${lineNumber + 1}` : ''}`;
};

/**
 * Self time per function (name, file, line), in ms; and the same time charged instead to the innermost
 * Strata frame on the stack, so a codec, Buffer or JSON.parse call counts against the Strata code that
 * made it.
 */
function selfTimes(profile) {
  const ticks = new Map();
  for (const id of profile.samples) ticks.set(id, (ticks.get(id) ?? 0) + 1);
  const msPerTick = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const parent = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const charged = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const node of profile.nodes) {
    const ms = (ticks.get(node.id) ?? 0) * msPerTick;
    if (ms === 0) continue;
    add(self, keyOf(node.callFrame), ms);
    let at = node;
    while (at && !at.callFrame.url.includes(OWN)) at = byId.get(parent.get(at.id));
    if (at) add(charged, keyOf(at.callFrame), ms);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), charged: sorted(charged) };
}

/** Which code a profile entry belongs to, to see at a glance whose CPU it is. */
function area(key) {
  if (key.includes(OWN)) return 'Strata (packages/bedrock)';
  if (key.includes('/bench/')) return 'bench harness';
  const pkg = /^\S+ (@[^/]+\/[^/]+|[^@/][^/]*)\/(?:dist|lib)/.exec(key)?.[1];
  if (pkg) return pkg;
  if (/ node:/.test(key)) return 'Node.js internals (JS)';
  if (key.startsWith('(garbage collector)')) return 'garbage collector';
  return 'native / VM';
}

const emulator = await startEmulatorProcess();
const session = new Session();
try {
  const strataClient = strata({ url: emulator.url });
  // The library benchmark's long reply for a stream, its short echo call for a call.
  const text = textFor(LONG_DELTAS);
  const deltas = deltasOf(text);
  const contender = {
    call: () => (mode === 'call' ? strataClient.call() : strataClient.stream({ text, deltas })),
  };
  for (let i = 0; i < warmUp; i++) await contender.call();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < count; i++) await contender.call();
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = await session.post('Profiler.stop');
  const file = path.join(os.tmpdir(), `strata-${mode}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));

  const perCall = (ms) => (ms / count).toFixed(4);
  // The profiler's own sampling thread inflates this figure; the breakdowns below are main-thread only.
  console.log(`${count} × Strata ${mode}: ${perCall((cpu.user + cpu.system) / 1000)} ms CPU each (profiled)`);
  console.log(`profile: ${file}`);
  const { self, charged } = selfTimes(profile);
  const times = self.filter(([key]) => !key.startsWith('(idle)'));
  const areas = new Map();
  for (const [key, ms] of times) areas.set(area(key), (areas.get(area(key)) ?? 0) + ms);
  const print = (title, rows) => {
    console.log(`\n${title}`);
    for (const [key, ms] of rows)
      console.log(`  ${perCall(ms)}  ${key.replace(/\S*\/packages\//, 'packages/')}`);
  };
  print(
    'main-thread self time by area, ms per call:',
    [...areas].sort((a, b) => b[1] - a[1]),
  );
  print('self time, ms per call — all code:', times.slice(0, 25));
  print(
    `self time, ms per call — Strata's own (${OWN}):`,
    times.filter(([k]) => k.includes(OWN)).slice(0, 15),
  );
  print(
    'charged to the innermost Strata frame (its self time + the non-Strata code it calls):',
    charged.slice(0, 15),
  );
} finally {
  session.disconnect();
  await closeSharedDispatchers();
  await emulator.stop();
}
