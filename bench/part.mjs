// What each benchmark script shares: its flags and how it hands its figures over. `--quick` runs
// fewer calls and rounds; `--json FILE` is where run.mjs collects the part (without it the part's
// tables go to stdout). A figure with an error for any contender makes the script exit non-zero.
import { writeFileSync } from 'node:fs';
import { partMarkdown } from './report.mjs';
import { machine } from './stats.mjs';

export function benchArgs(argv = process.argv.slice(2)) {
  const at = argv.indexOf('--json');
  return { quick: argv.includes('--quick'), json: at >= 0 ? argv[at + 1] : undefined };
}

/** Writes (or prints) one benchmark's part: its figures, each with a value or an error per contender. */
export function writePart(name, part) {
  const { quick, json } = benchArgs();
  const full = {
    name,
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: machine(),
    ...part,
  };
  if (json) writeFileSync(json, `${JSON.stringify(full, null, 2)}\n`);
  else process.stdout.write(partMarkdown(full));
  const failed = new Set(
    (full.figures ?? []).flatMap((f) =>
      Object.entries(f.values)
        .filter(([, v]) => v.error !== undefined)
        .map(([key]) => key),
    ),
  );
  if (failed.size > 0) {
    console.error(`${name}: no figure for ${[...failed].join(', ')}`);
    process.exitCode = 1;
  }
}
