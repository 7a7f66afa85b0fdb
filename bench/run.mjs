// `npm run bench [-- --quick] [-- --out DIR]`: every benchmark, each in its own process so none
// inherits another's JIT state, pools or garbage; then one report of all their figures — a table on
// the terminal and latest.json, latest.md and latest.svg in the output directory: bench/results for a
// full run, bench/results/quick for a quick one (so a quick run never overwrites the committed
// results), or --out DIR.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './part.mjs';
import { fullMarkdown } from './report.mjs';
import { machine } from './stats.mjs';
import { ratioChart } from './svg-chart.mjs';

const BENCHMARKS = [
  'library.mjs',
  'memory.mjs',
  'resilience.mjs',
  'gateway.mjs',
  'protocols.mjs',
  'emulator.mjs',
];

const argv = process.argv.slice(2);
const { quick } = benchArgs(argv);
const at = argv.indexOf('--out');
const here = path.dirname(fileURLToPath(import.meta.url));
const out = at >= 0 ? path.resolve(argv[at + 1]) : path.join(here, 'results', quick ? 'quick' : '');
mkdirSync(out, { recursive: true });

const startMachine = machine();
const started = new Date();
const parts = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-'));
try {
  for (const file of BENCHMARKS) {
    const json = path.join(scratch, file.replace('.mjs', '.json'));
    const t0 = performance.now();
    const { status } = spawnSync(
      process.execPath,
      [path.join(here, file), ...(quick ? ['--quick'] : []), '--json', json],
      { stdio: 'inherit' },
    );
    process.stderr.write(`${file}: ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    if (status !== 0) process.exitCode = 1;
    if (existsSync(json)) parts.push(JSON.parse(readFileSync(json, 'utf8')));
    else console.error(`${file} wrote no results`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const results = {
  date: started.toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: startMachine,
  durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
  parts,
};
const md = fullMarkdown(results);
process.stdout.write(`\n${md}`);
writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(out, 'latest.md'), md);
writeFileSync(path.join(out, 'latest.svg'), ratioChart(results));
process.stderr.write(`results in ${out}/latest.{json,md,svg} (${results.durationSeconds} s)\n`);
